namespace Iom.Application.Panels;

/// <summary>
/// A meeting was moved or cancelled: an outbox entry committed with the change, relayed to
/// <see cref="PanelQueues.MeetingChanged"/>, so members already sent the agenda get an updated or cancelled invitation.
/// </summary>
/// <param name="MeetingId">The meeting (<see cref="Domain.Panels.MeetingId"/> written out).</param>
/// <param name="Sequence">The meeting's iCalendar sequence after the change: higher with every change.</param>
public sealed record MeetingChanged(string MeetingId, int Sequence, bool Cancelled)
{
    public string? CorrelationId { get; init; }
}
