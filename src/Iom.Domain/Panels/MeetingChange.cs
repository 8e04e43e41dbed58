namespace Iom.Domain.Panels;

/// <summary>
/// One change to a meeting, kept in its history: what, the date it had before (<paramref name="From"/>) and after
/// (<paramref name="To"/>; null when cancelled), when, by whom and why (a cancellation's reason).
/// </summary>
public sealed record MeetingChange(MeetingChangeKind Kind, DateOnly From, DateOnly? To, DateTimeOffset At, string ByUserId, string? Reason);
