namespace Iom.Application.Releases.Alerts;

/// <summary>What the escalation e-mail to the co-ordinator may read: the alert's reference, what happened, when the lead professional was due, a link. No personal data.</summary>
public sealed record EscalationMailModel(string Reference, string Event, string DueAt, string Link);
