using System.Runtime.CompilerServices;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests.Performance;

/// <summary>
/// The real store, counting what the rollup job reads and writes (documents read, by container; kinds scanned; keys
/// written, and which commits and single upserts wrote them), and able to fail one write of a chosen kind once, as a
/// crash at that point would leave things.
/// </summary>
internal sealed class CountingRollupStore(IDocumentStore inner) : DelegatingDocumentStore(inner)
{
    public Dictionary<string, int> DocumentsRead { get; } = [];

    public int KindScans => Scanned.Count;

    /// <summary>Each whole-container read of a kind: (container, kind).</summary>
    public List<(string Container, string Kind)> Scanned { get; } = [];

    public List<DocumentKey> Written { get; } = [];

    /// <summary>The kinds written one document per call (<see cref="IDocumentStore.UpsertAsync{T}"/>), in order.</summary>
    public List<string> Upserted { get; } = [];

    /// <summary>Each <see cref="IDocumentStore.CommitAsync"/>: its partition and the kinds of its writes (null for a delete).</summary>
    public List<(string Container, string Partition, IReadOnlyList<string?> Kinds)> Commits { get; } = [];

    /// <summary>The kind whose next write fails, alone or in a commit (then this is cleared).</summary>
    public string? FailNextWriteOf { get; set; }

    public void Reset()
    {
        DocumentsRead.Clear();
        Scanned.Clear();
        Written.Clear();
        Upserted.Clear();
        Commits.Clear();
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
        Scanned.Add((container, DocumentKind.Of<T>()));
        return Inner.ReadKindAsync<T>(container, cancellationToken);
    }

    public override Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default)
    {
        if (FailNextWriteOf == DocumentKind.Of<T>())
        {
            FailNextWriteOf = null;
            throw new IOException("The store went away (a crash, for the test).");
        }

        Written.Add(key);
        Upserted.Add(DocumentKind.Of<T>());
        return Inner.UpsertAsync(key, value, cancellationToken);
    }

    public override Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string?> kinds = [.. writes.Select(w => w switch { UpsertWrite u => u.Kind, CreateWrite c => c.Kind, ReplaceWrite r => r.Kind, _ => null })];
        if (FailNextWriteOf is { } failing && kinds.Contains(failing))
        {
            FailNextWriteOf = null;
            throw new IOException("The store went away (a crash, for the test).");
        }

        lock (Commits)
        {
            Commits.Add((container, partition, kinds));
            Written.AddRange(writes.Select(w => new DocumentKey(container, partition, w.Id)));
        }

        return Inner.CommitAsync(container, partition, writes, cancellationToken);
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
