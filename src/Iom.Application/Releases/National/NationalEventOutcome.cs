namespace Iom.Application.Releases.National;

/// <summary>What the national door did with one HMPPS domain event.</summary>
/// <param name="NotificationId">The release notification's id, for a release event (the same for the same event again).</param>
public sealed record NationalEventOutcome(NationalEventAction Action, string? NotificationId = null);
