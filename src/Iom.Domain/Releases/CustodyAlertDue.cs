namespace Iom.Domain.Releases;

/// <summary>The event that was just applied must be alerted (released, released to hospital, transferred).</summary>
public sealed record CustodyAlertDue(ReleaseAlertKind Kind, DateOnly ReleaseDate, DateTimeOffset OccurredAt) : CustodyEffect;
