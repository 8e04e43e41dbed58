namespace Iom.Domain.Releases;

/// <summary>A co-ordinator's decision on a possible match: who (their object id), when, and within which request.</summary>
public sealed record ReleaseMatchDecision(string By, DateTimeOffset At, string CorrelationId);
