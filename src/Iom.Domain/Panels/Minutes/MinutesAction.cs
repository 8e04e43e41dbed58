namespace Iom.Domain.Panels.Minutes;

/// <summary>An action point: owned by a member of the panel, due by a date, about a person or not.</summary>
public sealed record MinutesAction(string Description, string OwnerMemberId, DateOnly DueDate, string? PersonId);
