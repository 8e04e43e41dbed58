using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests;

/// <summary>
/// The real store, counting sequential round trips: a round starts when a call begins while no other call is in flight;
/// calls made while one is in flight overlap it and join its round (on Cosmos DB they travel at the same time). Every
/// call first yields, so that calls started together are all in flight before any of them runs; run the code under
/// <see cref="SingleThreadedContext"/> so that this does not depend on thread timing.
/// </summary>
internal sealed class RoundTripCountingStore(IDocumentStore inner) : IDocumentStore
{
    private int inFlight;

    /// <summary>Sequential round trips since the last <see cref="Reset"/>.</summary>
    public int Rounds { get; private set; }

    /// <summary>Store calls since the last <see cref="Reset"/>.</summary>
    public int Calls { get; private set; }

    /// <summary>Documents the store handed back since the last <see cref="Reset"/> (point reads found, query items, feed items).</summary>
    public int DocumentsRead { get; private set; }

    /// <summary>What each round did, e.g. "ReadAsync identities ×3 | ReadPartitionAsync panels".</summary>
    public List<List<string>> Log { get; } = [];

    public void Reset()
    {
        (Rounds, Calls, inFlight, DocumentsRead) = (0, 0, 0, 0);
        Log.Clear();
    }

    private void Begin(string call)
    {
        if (inFlight++ == 0)
        {
            Rounds++;
            Log.Add([]);
        }

        Calls++;
        Log[^1].Add(call);
    }

    private async Task<T> CountAsync<T>(string call, Func<Task<T>> body)
    {
        Begin(call);
        try
        {
            await Task.Yield();
            return await body();
        }
        finally
        {
            inFlight--;
        }
    }

    public Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default) =>
        CountAsync($"read {key.Container}", async () =>
        {
            var found = await inner.ReadAsync<T>(key, cancellationToken);
            DocumentsRead += found is null ? 0 : 1;
            return found;
        });

    public Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
        CountAsync($"create {key.Container}", () => inner.CreateAsync(key, value, cancellationToken));

    public Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default) =>
        CountAsync($"replace {key.Container}", () => inner.ReplaceAsync(key, value, ifMatchETag, cancellationToken));

    public Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
        CountAsync($"upsert {key.Container}", () => inner.UpsertAsync(key, value, cancellationToken));

    public Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default) =>
        CountAsync($"delete {key.Container}", () => inner.DeleteAsync(key, ifMatchETag, cancellationToken));

    public Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken = default) =>
        CountAsync($"query {query.Container}", async () =>
        {
            var page = await inner.QueryAsync<T>(query, cancellationToken);
            DocumentsRead += page.Items.Count;
            return page;
        });

    public Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default) =>
        CountAsync($"commit {container} ({writes.Count} writes)", async () =>
        {
            await inner.CommitAsync(container, partition, writes, cancellationToken);
            return true;
        });

    // A partition or kind read is one round trip per page; the pages a test's small partitions need fit in one.
    public IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(string container, string partition, CancellationToken cancellationToken = default) =>
        CountFeedAsync($"read partition {container}", inner.ReadPartitionAsync<T>(container, partition, cancellationToken));

    public IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(string container, CancellationToken cancellationToken = default) =>
        CountFeedAsync($"read kind {container}", inner.ReadKindAsync<T>(container, cancellationToken));

    private async IAsyncEnumerable<StoredDocument<T>> CountFeedAsync<T>(string call, IAsyncEnumerable<StoredDocument<T>> feed)
    {
        Begin(call);
        List<StoredDocument<T>> page = [];
        try
        {
            await Task.Yield();
            await foreach (var item in feed)
            {
                page.Add(item);
            }

            DocumentsRead += page.Count;
        }
        finally
        {
            inFlight--;
        }

        foreach (var item in page)
        {
            yield return item;
        }
    }
}
