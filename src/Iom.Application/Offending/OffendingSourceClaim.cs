using Iom.Application.Ports.Documents;

namespace Iom.Application.Offending;

/// <summary>
/// "This source reference is taken, with this content": created only if absent, so two uploads of one reference at once
/// agree on one record and a changed one is refused rather than overwriting. In <c>identities</c>, keyed by the
/// reference's SHA-256 (<see cref="OffendingDocuments.ClaimOf"/>). It holds the content's hash, not the content, so it
/// carries no PNC ID.
/// When retention erases the person's records the claim becomes a tombstone (<see cref="Erased"/>): it points at
/// nobody and holds no hash, but it still takes the reference, so a later upload of that row (the source's extracts
/// repeat history) stores nothing instead of bringing the erased record back.
/// </summary>
[DocumentKind("offending-source-claim")]
public sealed record OffendingSourceClaim(string PersonId, string ContentHash, DateTimeOffset ClaimedAt)
{
    /// <summary>When retention erased the record this reference named; null while the record is held.</summary>
    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>The tombstone of an erased record's reference: no person, no content hash.</summary>
    public static OffendingSourceClaim Erased(DateTimeOffset at) => new(string.Empty, string.Empty, at) { ErasedAt = at };
}
