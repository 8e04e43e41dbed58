using Iom.Application.Ports.Documents;

namespace Iom.Application.Idempotency;

/// <summary>
/// The ledger's record of one Idempotency-Key (per caller): which request body it was first used with and what that
/// request created, so a retry is answered from the stored result rather than doing the work again. Hashes and ids
/// only, never the request or the answer itself.
/// </summary>
/// <param name="KeyHash">SHA-256 of the caller and the key (also the document id).</param>
/// <param name="BodyHash">SHA-256 of the request as understood (<see cref="IdempotencyLedger.HashOf{T}"/>).</param>
/// <param name="ResultId">The id of what the first request creates (a referral id), chosen before any write.</param>
/// <param name="ExpiresAt">When the key may be forgotten (<see cref="IdempotencyLedger.Lifetime"/>); a record past it is
/// treated as absent, and the store's TTL deletes it then.</param>
[DocumentKind("idempotency-record")]
public sealed record IdempotencyRecord(string KeyHash, string BodyHash, string ResultId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
    : IExpiringDocument
{
    /// <summary>Counted from the write, which happens when the record is made: the store forgets it when the key may be.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan? TimeToLive => ExpiresAt - CreatedAt;
}
