using System.Security.Cryptography;
using System.Text.Json;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Idempotency;

/// <summary>
/// Idempotency-Key support for a creating request: the first request with a key claims it (one create, made alongside
/// the request's first reads, so it costs no round trip of its own) naming the id it will create; a retry finds that
/// record and is answered from what was created. A request that fails gives its key back, so the retry does the work.
/// Records live in the operations container, spread over 256 partitions by the key's hash.
/// </summary>
public sealed class IdempotencyLedger(IDocumentStore documents, TimeProvider time)
{
    /// <summary>How long a key is remembered (as Stripe and the IETF draft suggest: at least a day).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>The longest an Idempotency-Key may be.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>Whether <paramref name="key"/> is acceptable: 1–255 printable ASCII characters.</summary>
    public static bool IsWellFormed(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= ' ' and <= '~');

    /// <summary>The record's key: per use (<paramref name="scope"/>) and per caller, so one caller's key never meets another's.</summary>
    public static DocumentKey KeyOf(string scope, string callerId, string key) =>
        DocumentKey.Hashed(Containers.Operations, "idempotency", $"{scope}\n{callerId}\n{key}");

    /// <summary>The request as understood, hashed: the same referral sent with other whitespace or member order is the same body.</summary>
    public static string HashOf<T>(T request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, DocumentJson.Options)));

    /// <summary>Claims the key for <paramref name="resultId"/>, or returns the live record an earlier request wrote.</summary>
    public async Task<IdempotencyClaim> ClaimAsync(DocumentKey key, string bodyHash, string resultId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = new IdempotencyRecord(key.Id, bodyHash, resultId, now, now + Lifetime);
        try
        {
            var created = await documents.CreateAsync(key, record, cancellationToken);
            return new IdempotencyClaim(key, null, created.ETag);
        }
        catch (DocumentConflictException)
        {
            var earlier = await documents.ReadAsync<IdempotencyRecord>(key, cancellationToken);
            if (earlier is not null && earlier.Value.ExpiresAt > now)
            {
                return new IdempotencyClaim(key, earlier);
            }

            // Expired (its TTL not yet applied) or given back just now: take it as new.
            return await TakeOverAsync(key, earlier, bodyHash, resultId, cancellationToken)
                ? new IdempotencyClaim(key, null)
                : new IdempotencyClaim(key, await documents.ReadAsync<IdempotencyRecord>(key, cancellationToken));
        }
    }

    /// <summary>
    /// Replaces a record whose request can no longer be running (it failed without giving the key back) with this
    /// request's. False when another request took it first.
    /// </summary>
    public async Task<bool> TakeOverAsync(DocumentKey key, StoredDocument<IdempotencyRecord>? stale, string bodyHash, string resultId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = new IdempotencyRecord(key.Id, bodyHash, resultId, now, now + Lifetime);
        try
        {
            if (stale is null)
            {
                await documents.CreateAsync(key, record, cancellationToken);
            }
            else
            {
                await documents.ReplaceAsync(key, record, stale.ETag, cancellationToken);
            }

            return true;
        }
        catch (DocumentStoreException exception) when (exception is DocumentConflictException or DocumentPreconditionFailedException or DocumentNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Gives the key back after the request failed, if the record is still this request's. Best effort: a record left
    /// behind names a result that does not exist, and is taken over once its request can no longer be running.
    /// </summary>
    public async Task ReleaseAsync(DocumentKey key, string resultId, string? etag = null)
    {
        try
        {
            if (etag is not null)
            {
                // Written by this request: the ETag proves it is still ours, and saves reading it back.
                await documents.DeleteAsync(key, etag, CancellationToken.None);
                return;
            }

            var now = await documents.ReadAsync<IdempotencyRecord>(key, CancellationToken.None);
            if (now is not null && now.Value.ResultId == resultId)
            {
                await documents.DeleteAsync(key, now.ETag, CancellationToken.None);
            }
        }
#pragma warning disable CA1031 // What cannot be given back now is taken over later.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
