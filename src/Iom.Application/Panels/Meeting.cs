using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels;

/// <summary>
/// A panel meeting: one a day per panel, in the panel's own meetings partition (<c>meetings-{panel}</c>) of the
/// panels container, apart from the listings, so reading the calendar never reads the referral history.
/// </summary>
/// <remarks>
/// Its key and its <see cref="Id"/> come from the date it was first scheduled (<see cref="FirstScheduled"/>), which
/// never changes; <see cref="Date"/> is where it is now. The members after <see cref="CreatedAt"/> came with
/// cancelling and moving: a meeting stored before them reads as scheduled, never changed, first scheduled on its
/// date. They are the stored JSON, so only methods are added here, never properties.
/// </remarks>
[DocumentKind("meeting")]
public sealed record Meeting(
    PanelCode Panel,
    DateOnly Date,
    TimeOnly StartTime,
    string? Location,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateOnly? FirstScheduled = null,
    MeetingStatus Status = MeetingStatus.Scheduled,
    int Sequence = 0,
    IReadOnlyList<MeetingChange>? Changes = null)
{
    public const int MaxReasonLength = 500;

    public static DocumentKey KeyOf(PanelCode panel, DateOnly date) =>
        new(Containers.Panels, PartitionOf(panel), $"meeting-{date:yyyy-MM-dd}");

    public static DocumentKey KeyOf(MeetingId id) => KeyOf(id.Panel, id.Scheduled);

    public static string PartitionOf(PanelCode panel) => "meetings-" + PanelDirectory.Code(panel);

    /// <summary>A new meeting: scheduled, first scheduled on its date, iCalendar sequence 0.</summary>
    public static Meeting Schedule(PanelCode panel, DateOnly date, TimeOnly startTime, string? location, string createdBy, DateTimeOffset createdAt) =>
        new(panel, date, startTime, location, createdBy, createdAt, date);

    /// <summary>Its id: the panel and the date it was first scheduled, whatever its date now.</summary>
    public MeetingId Id() => new(Panel, FirstScheduled ?? Date);

    /// <summary>The date it had before its latest move, or null when it never moved.</summary>
    public DateOnly? MovedFrom() => Changes?.LastOrDefault(c => c.Kind == MeetingChangeKind.Moved && c.To != c.From)?.From;

    /// <summary>Calls it off, with a reason; its iCalendar sequence goes up so invitations can be cancelled.</summary>
    /// <exception cref="MeetingRuleException">It was held or is cancelled already.</exception>
    public Meeting Cancel(string reason, DateTimeOffset now, string byUserId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        MeetingRules.RequireChangeable(Status, Date, StartTime, now);
        return this with
        {
            FirstScheduled = FirstScheduled ?? Date,
            Status = MeetingStatus.Cancelled,
            Sequence = Sequence + 1,
            Changes = [.. Changes ?? [], new MeetingChange(MeetingChangeKind.Cancelled, Date, null, now, byUserId, reason.Trim())],
        };
    }

    /// <summary>Moves it to another day, time or place; its id and key stay, its sequence goes up.</summary>
    /// <param name="panelMeetsThatDay">Whether another meeting of the panel, not cancelled, is on <paramref name="date"/>.</param>
    /// <exception cref="MeetingRuleException">It was held or is cancelled, or the rule that refuses the new date.</exception>
    public Meeting MoveTo(DateOnly date, TimeOnly startTime, string? location, bool panelMeetsThatDay, WorkingDayCalendar calendar, DateTimeOffset now, string byUserId)
    {
        MeetingRules.RequireChangeable(Status, Date, StartTime, now);
        MeetingRules.RequireMovable(date, startTime, date != Date || startTime != StartTime || location != Location, panelMeetsThatDay, calendar, now);
        return this with
        {
            FirstScheduled = FirstScheduled ?? Date,
            Date = date,
            StartTime = startTime,
            Location = location,
            Sequence = Sequence + 1,
            Changes = [.. Changes ?? [], new MeetingChange(MeetingChangeKind.Moved, Date, date, now, byUserId, null)],
        };
    }
}
