using Iom.Application.Ports.Documents;

namespace Iom.Application.Idempotency;

/// <summary>
/// What claiming an Idempotency-Key found: <see cref="Earlier"/> is null when this request now holds the key, else the
/// record an earlier request with the same key wrote.
/// </summary>
/// <param name="ETag">This request's record's ETag, when it holds the key.</param>
public sealed record IdempotencyClaim(DocumentKey Key, StoredDocument<IdempotencyRecord>? Earlier, string? ETag = null)
{
    public bool IsNew => Earlier is null;
}
