namespace Iom.Application.Ports.Documents;

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
