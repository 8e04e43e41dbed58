namespace Iom.Application.Panels.Minutes;

/// <param name="MemberId">The member's object id, or null for a delegate or invited attendee.</param>
public sealed record MinutesRecipient(string Name, string Email, string? MemberId);
