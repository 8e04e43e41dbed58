namespace Iom.Domain.Releases;

/// <summary>The custody record after an event, what the event did, and the effects to commit with it.</summary>
public sealed record CustodyChange(CustodyRecord Record, CustodyOutcome Outcome, IReadOnlyList<CustodyEffect> Effects);
