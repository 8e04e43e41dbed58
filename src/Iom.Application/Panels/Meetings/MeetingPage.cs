namespace Iom.Application.Panels.Meetings;

/// <summary>A page of meetings as stored, and the token of the next page, if any.</summary>
public sealed record MeetingPage(IReadOnlyList<Meeting> Items, string? Continuation);
