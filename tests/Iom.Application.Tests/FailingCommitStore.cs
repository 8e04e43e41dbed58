using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests;

/// <summary>The real store, except that every commit fails as a lost connection would; reads and single writes work.</summary>
internal sealed class FailingCommitStore(IDocumentStore inner) : IDocumentStore
{
    public Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default) => inner.ReadAsync<T>(key, cancellationToken);
    public Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) => inner.CreateAsync(key, value, cancellationToken);
    public Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default) => inner.ReplaceAsync(key, value, ifMatchETag, cancellationToken);
    public Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) => inner.UpsertAsync(key, value, cancellationToken);
    public Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, ifMatchETag, cancellationToken);
    public IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(string container, string partition, CancellationToken cancellationToken = default) => inner.ReadPartitionAsync<T>(container, partition, cancellationToken);
    public IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(string container, CancellationToken cancellationToken = default) => inner.ReadKindAsync<T>(container, cancellationToken);

    public Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default) =>
        throw new IOException("The connection to the store was lost.");
}
