using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests.Panels;

/// <summary>
/// The real store, except that after <c>commitsBeforeCrash</c> commits every further commit fails as a lost connection
/// would (nothing applied), or with <c>appliedAnyway</c> is applied and then reported as timed out.
/// </summary>
internal sealed class CrashingCommitStore(IDocumentStore inner, int commitsBeforeCrash, bool appliedAnyway = false) : IDocumentStore
{
    private int commits;

    public int Crashes { get; private set; }

    public Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default) => inner.ReadAsync<T>(key, cancellationToken);
    public Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) => inner.CreateAsync(key, value, cancellationToken);
    public Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default) => inner.ReplaceAsync(key, value, ifMatchETag, cancellationToken);
    public Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) => inner.UpsertAsync(key, value, cancellationToken);
    public Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, ifMatchETag, cancellationToken);
    public IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(string container, string partition, CancellationToken cancellationToken = default) => inner.ReadPartitionAsync<T>(container, partition, cancellationToken);
    public Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync<T>(query, cancellationToken);
    public IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(string container, CancellationToken cancellationToken = default) => inner.ReadKindAsync<T>(container, cancellationToken);

    public async Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        if (++commits <= commitsBeforeCrash)
        {
            await inner.CommitAsync(container, partition, writes, cancellationToken);
            return;
        }

        Crashes++;
        if (!appliedAnyway)
        {
            throw new IOException("The connection to the store was lost.");
        }

        await inner.CommitAsync(container, partition, writes, cancellationToken);
        throw new DocumentOutcomeUnknownException("The commit timed out (408).");
    }
}
