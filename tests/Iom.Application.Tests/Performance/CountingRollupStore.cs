using System.Runtime.CompilerServices;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests.Performance;

/// <summary>
/// The real store, counting what the rollup job reads and writes (documents read, by container; keys written), and
/// able to fail one write of a chosen kind once, as a crash at that point would leave things.
/// </summary>
internal sealed class CountingRollupStore(IDocumentStore inner) : DelegatingDocumentStore(inner)
{
    public Dictionary<string, int> DocumentsRead { get; } = [];

    public int KindScans { get; private set; }

    public List<DocumentKey> Written { get; } = [];

    /// <summary>The kind whose next upsert fails (then this is cleared).</summary>
    public string? FailNextUpsertOf { get; set; }

    public void Reset()
    {
        DocumentsRead.Clear();
        KindScans = 0;
        Written.Clear();
    }

    public override async Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync<T>(key, cancellationToken);
        Count(key.Container);
        return read;
    }

    public override async IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(string container, string partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var document in Inner.ReadPartitionAsync<T>(container, partition, cancellationToken))
        {
            Count(container);
            yield return document;
        }
    }

    public override IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(string container, CancellationToken cancellationToken = default)
    {
        KindScans++;
        return Inner.ReadKindAsync<T>(container, cancellationToken);
    }

    public override Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default)
    {
        if (FailNextUpsertOf == DocumentKind.Of<T>())
        {
            FailNextUpsertOf = null;
            throw new IOException("The store went away (a crash, for the test).");
        }

        Written.Add(key);
        return Inner.UpsertAsync(key, value, cancellationToken);
    }

    public override Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default)
    {
        Written.Add(key);
        return Inner.CreateAsync(key, value, cancellationToken);
    }

    public override Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        Written.Add(key);
        return Inner.ReplaceAsync(key, value, ifMatchETag, cancellationToken);
    }

    public override Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        Written.Add(key);
        return Inner.DeleteAsync(key, ifMatchETag, cancellationToken);
    }

    private void Count(string container) => DocumentsRead[container] = DocumentsRead.GetValueOrDefault(container) + 1;
}
