using Iom.Application.Api;
using Iom.Domain.Wire;

namespace Iom.Application.Panels.Meetings;

/// <summary>
/// A meeting as the API answers: its id (never changes), where and when it is now, whether it is scheduled or
/// cancelled, the date it had before its latest move, and its iCalendar sequence (0, then one more per change).
/// </summary>
public sealed record MeetingView(
    string Id,
    string Panel,
    DateOnly Date,
    TimeOnly StartTime,
    string? Location,
    string Status,
    DateOnly? MovedFrom,
    int Sequence,
    string? CancellationReason) : IApiResponse
{
    public static MeetingView Of(Meeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return new MeetingView(meeting.Id().ToString(), PanelDirectory.Code(meeting.Panel), meeting.Date, meeting.StartTime, meeting.Location,
            WireNames.Of(meeting.Status), meeting.MovedFrom(), meeting.Sequence,
            meeting.Status == Domain.Panels.MeetingStatus.Cancelled ? meeting.Changes is [.., var last] ? last.Reason : null : null);
    }
}
