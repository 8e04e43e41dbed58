namespace Iom.Application.Panels;

public static class PanelQueues
{
    /// <summary>Finalised minutes to circulate (<see cref="Minutes.MinutesFinalised"/>); sent only from the outbox entry committed with them.</summary>
    public const string MinutesCirculation = "minutes-circulation";

    /// <summary>A meeting moved or cancelled (<see cref="Panels.MeetingChanged"/>); sent only from the outbox entry committed with the change.</summary>
    public const string MeetingChanged = "meeting-changed";
}
