using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests;

/// <summary>
/// The real store, except that every commit fails as a lost connection would; reads and single writes work. With
/// <c>appliedAnyway</c> the commit is applied first and then reported as a timeout (its outcome unknown to the caller);
/// with <c>goneAfterCommit</c> every read and create after a commit fails too, as when the store has gone away.
/// </summary>
internal sealed class FailingCommitStore(IDocumentStore inner, bool appliedAnyway = false, bool goneAfterCommit = false) : IDocumentStore
{
    private bool committed;

    /// <summary>The last commit asked for, to replay it as a write that lands late.</summary>
    public (string Container, string Partition, IReadOnlyList<DocumentWrite> Writes)? LastCommit { get; private set; }

    public Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default) =>
        committed && goneAfterCommit ? throw new IOException("The store cannot be reached.") : inner.ReadAsync<T>(key, cancellationToken);
    public Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
        committed && goneAfterCommit ? throw new IOException("The store cannot be reached.") : inner.CreateAsync(key, value, cancellationToken);
    public Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default) => inner.ReplaceAsync(key, value, ifMatchETag, cancellationToken);
    public Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) => inner.UpsertAsync(key, value, cancellationToken);
    public Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, ifMatchETag, cancellationToken);
    public IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(string container, string partition, CancellationToken cancellationToken = default) => inner.ReadPartitionAsync<T>(container, partition, cancellationToken);
    public Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync<T>(query, cancellationToken);

    public IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(string container, CancellationToken cancellationToken = default) => inner.ReadKindAsync<T>(container, cancellationToken);

    public async Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        committed = true;
        LastCommit = (container, partition, writes);
        if (!appliedAnyway)
        {
            throw new IOException("The connection to the store was lost.");
        }

        await inner.CommitAsync(container, partition, writes, cancellationToken);
        throw new DocumentOutcomeUnknownException("The commit timed out (408).");
    }
}
