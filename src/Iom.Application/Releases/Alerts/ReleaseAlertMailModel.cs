namespace Iom.Application.Releases.Alerts;

/// <summary>
/// What the release alert e-mails' templates may read: the alert's short reference, what happened in words, a link to
/// sign in, and for the lead professional when to acknowledge by. Never a name, date of birth, identifier, date of
/// release or place.
/// </summary>
/// <param name="Event">"A person you work with has been released from prison", …</param>
/// <param name="HealthNote">For a release to hospital: why health services are told; null otherwise.</param>
/// <param name="AcknowledgeBy">London time written out, for the lead professional of a release; null for everyone else.</param>
public sealed record ReleaseAlertMailModel(string Reference, string Event, string? HealthNote, string Link, string? AcknowledgeBy);
