namespace Iom.Application.Panels.Minutes;

public static class MinutesQueues
{
    /// <summary>Minutes being finalised, to apply (<see cref="ApplyMinutesMessage"/>); sent only from the outbox entry committed with them.</summary>
    public const string Apply = "minutes-apply";
}
