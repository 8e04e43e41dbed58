namespace Iom.Domain.Releases;

/// <summary>What acknowledging did: the alert as it now is, and whether anything changed (false for a repeat).</summary>
public sealed record ReleaseAlertAcknowledgement(ReleaseAlert Alert, bool Changed);
