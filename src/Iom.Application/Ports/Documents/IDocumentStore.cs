namespace Iom.Application.Ports.Documents;

/// <summary>
/// Where a document lives. <see cref="Partition"/> is the partition key value: everything that must change
/// together (a person's referrals, alerts and audit records) shares one, so it can be written in one commit.
/// </summary>
public readonly record struct DocumentKey(string Container, string Partition, string Id)
{
    public override string ToString() => $"{Container}/{Partition}/{Id}";

    /// <summary>
    /// The key of a document named by free text (an idempotency key, a caller's id), which may hold any characters:
    /// its id is the text's SHA-256 in hex, always a valid id, and the first two hex digits spread such documents over
    /// 256 partitions named <paramref name="partitionPrefix"/>-xx.
    /// </summary>
    public static DocumentKey Hashed(string container, string partitionPrefix, string text)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        return new DocumentKey(container, $"{partitionPrefix}-{hash[..2]}", hash);
    }
}

public sealed record StoredDocument<T>(DocumentKey Key, T Value, string ETag);

/// <summary>
/// The document port. Both adapters (Cosmos DB in Azure, a SQLite file locally) pass one contract test suite.
/// Documents are stored as JSON written with <see cref="DocumentJson.Options"/> inside an envelope that records the
/// document's kind (<see cref="DocumentKind"/>), so a partition can hold several kinds.
/// </summary>
public interface IDocumentStore
{
    /// <returns>The document, or null when there is none with that key (or it is of another kind).</returns>
    Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default);

    /// <exception cref="DocumentConflictException">A document with this id already exists in the partition.</exception>
    Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default);

    /// <exception cref="DocumentPreconditionFailedException">The stored document's ETag is no longer <paramref name="ifMatchETag"/>.</exception>
    /// <exception cref="DocumentNotFoundException">There is no document with this key.</exception>
    Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default);

    Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default);

    /// <returns>False when there was nothing to delete.</returns>
    /// <exception cref="DocumentPreconditionFailedException">An ETag was given and the stored document no longer has it.</exception>
    Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every document of kind <typeparamref name="T"/> in one partition, ordered by id. Never crosses partitions. Only
    /// for partitions bounded by nature (one person's documents, the key ring): a partition that grows with history
    /// is read with <see cref="QueryAsync{T}"/> (docs/architecture.md lists the uses).
    /// </summary>
    IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(string container, string partition, CancellationToken cancellationToken = default);

    /// <summary>One page of a filtered, ordered query in one partition, and the token of the next page.</summary>
    /// <exception cref="InvalidContinuationException">The query's continuation token is not one this store gave.</exception>
    Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every document of kind <typeparamref name="T"/> in every partition of <paramref name="container"/>, in no
    /// particular order, read a page at a time as the caller consumes them (never all at once). A scan of the whole
    /// container: for store-wide jobs such as verifying every audit chain, not for serving one person.
    /// </summary>
    IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(string container, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies all writes in one partition atomically: all succeed or none is applied (a change and its audit record).
    /// </summary>
    /// <exception cref="DocumentConflictException">A create found an existing document; nothing was written.</exception>
    /// <exception cref="DocumentPreconditionFailedException">A replace or delete found a stale ETag; nothing was written.</exception>
    Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default);
}
