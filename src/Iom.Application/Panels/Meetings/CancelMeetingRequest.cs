namespace Iom.Application.Panels.Meetings;

/// <summary>Why the meeting is called off: told to members with the cancelled invitation, so no personal data.</summary>
public sealed record CancelMeetingRequest
{
    public string? Reason { get; init; }
}
