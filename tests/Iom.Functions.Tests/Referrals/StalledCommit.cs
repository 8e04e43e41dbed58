using Iom.Application.Ports.Documents;

namespace Iom.Functions.Tests.Referrals;

/// <summary>
/// Holds the first commit that stores a referral until the test releases it, so a second request can arrive while the
/// first is still being processed. Every other call goes straight to the real store.
/// </summary>
internal sealed class StalledCommit
{
    private int stalled;

    /// <summary>Set when the first referral's commit has been asked for.</summary>
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the test to let that commit go on.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IDocumentStore Around(IDocumentStore inner) => new Store(inner, this);

    private sealed class Store(IDocumentStore inner, StalledCommit gate) : IDocumentStore
    {
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
            if (writes.OfType<CreateWrite>().Any(w => w.Kind == DocumentKind.Of<Iom.Domain.Referrals.Referral>()) && Interlocked.Exchange(ref gate.stalled, 1) == 0)
            {
                gate.Reached.SetResult();
                await gate.Release.Task.WaitAsync(cancellationToken);
            }

            await inner.CommitAsync(container, partition, writes, cancellationToken);
        }
    }
}
