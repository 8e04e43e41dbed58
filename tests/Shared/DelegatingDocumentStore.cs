using Iom.Application.Ports.Documents;

namespace Iom.Tests.Shared;

/// <summary>
/// The real store passed through: a test's store overrides only the calls it makes fail, stall or race, so every
/// other call behaves exactly as the store under it.
/// </summary>
internal abstract class DelegatingDocumentStore(IDocumentStore inner) : IDocumentStore
{
    protected IDocumentStore Inner { get; } = inner;

    public virtual Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default) => Inner.ReadAsync<T>(key, cancellationToken);

    public virtual Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) => Inner.CreateAsync(key, value, cancellationToken);

    public virtual Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default) => Inner.ReplaceAsync(key, value, ifMatchETag, cancellationToken);

    public virtual Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) => Inner.UpsertAsync(key, value, cancellationToken);

    public virtual Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default) => Inner.DeleteAsync(key, ifMatchETag, cancellationToken);

    public virtual IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(string container, string partition, CancellationToken cancellationToken = default) => Inner.ReadPartitionAsync<T>(container, partition, cancellationToken);

    public virtual Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken = default) => Inner.QueryAsync<T>(query, cancellationToken);

    public virtual IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(string container, CancellationToken cancellationToken = default) => Inner.ReadKindAsync<T>(container, cancellationToken);

    public virtual Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default) => Inner.CommitAsync(container, partition, writes, cancellationToken);
}
