namespace Iom.Application.Panels.Minutes;

/// <summary>
/// The message that circulates a meeting's finalised minutes: an outbox entry committed with the minutes' final
/// version, relayed to <see cref="PanelQueues.MinutesCirculation"/>. It carries addresses and references, never a
/// person's details; what the e-mails link to is read after sign-in.
/// </summary>
/// <param name="MeetingId">The meeting (<see cref="Domain.Panels.MeetingId"/> written out).</param>
/// <param name="Version">The minutes' version: 1, or higher for an amendment.</param>
/// <param name="Recipients">Every member on the day and every attendee (delegates included), once each.</param>
/// <param name="Outcomes">One per decided referral: its referrer gets an individual acknowledgement.</param>
/// <param name="PeopleIds">Everyone the minutes are about: sending them is a disclosure in each one's audit log.</param>
public sealed record MinutesFinalised(
    string MeetingId,
    int Version,
    DateTimeOffset FinalisedAt,
    IReadOnlyList<MinutesRecipient> Recipients,
    IReadOnlyList<ReferralOutcomeNotice> Outcomes,
    IReadOnlyList<string> PeopleIds)
{
    public string? CorrelationId { get; init; }
}
