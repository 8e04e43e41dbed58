namespace Iom.Application.Panels.Minutes;

/// <summary>Apply version <see cref="Version"/> of a meeting's minutes: committed with the minutes as they begin finalising.</summary>
public sealed record ApplyMinutesMessage(string MeetingId, int Version, string CorrelationId);
