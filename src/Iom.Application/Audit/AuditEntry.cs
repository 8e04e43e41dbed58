namespace Iom.Application.Audit;

/// <summary>An audit record before it takes its place in the chain.</summary>
public sealed record AuditEntry(
    string PersonId,
    AuditOperation Operation,
    string Subject,
    AuditActor Actor,
    string Purpose,
    DateTimeOffset At,
    string CorrelationId,
    IReadOnlyList<string>? Recipients = null)
{
    /// <summary>The caller's own stated purpose, recorded beside the declared one.</summary>
    public string? StatedPurpose { get; init; }

    /// <summary>See <see cref="AuditRecord.DisclosureId"/>.</summary>
    public string? DisclosureId { get; init; }

    /// <summary>See <see cref="AuditRecord.DisclosurePeople"/>.</summary>
    public int? DisclosurePeople { get; init; }
}
