namespace Iom.Application.Panels;

public static class PanelQueues
{
    /// <summary>Finalised minutes to circulate (<see cref="Minutes.MinutesFinalised"/>); sent only from the outbox entry committed with them.</summary>
    public const string MinutesCirculation = "minutes-circulation";
}
