using Iom.Application.Ports.Documents;

namespace Iom.Application.Offending;

/// <summary>
/// "This source reference is taken, with this content": created only if absent, so two uploads of one reference at once
/// agree on one record and a changed one is refused rather than overwriting. In <c>identities</c>, keyed by the
/// reference's SHA-256 (<see cref="OffendingDocuments.ClaimOf"/>). It holds the content's hash, not the content, so it
/// carries no PNC ID.
/// </summary>
[DocumentKind("offending-source-claim")]
public sealed record OffendingSourceClaim(string PersonId, string ContentHash, DateTimeOffset ClaimedAt);
