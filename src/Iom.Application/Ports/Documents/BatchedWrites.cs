using System.Text.Json;

namespace Iom.Application.Ports.Documents;

/// <summary>
/// Many writes to many partitions, each partition's written in as few <see cref="IDocumentStore.CommitAsync"/> calls
/// as the stores take (<see cref="CommitLimits"/>), several commits in flight at once so that a store with one writer
/// (SQLite's group commit) makes them durable together. Each commit is atomic; the whole is not, and commits of one
/// partition may run at the same time: for writes that may land in any order and be applied again (an index rebuilt,
/// each id once), whose readers do not trust them until something written after <see cref="FlushAsync"/> says so.
/// </summary>
public sealed class BatchedWrites(IDocumentStore documents)
{
    /// <summary>Commits in flight at once.</summary>
    public const int Concurrency = 16;

    /// <summary>Writes held waiting for their partition's commit to fill; past this every partition is committed as it is, so memory stays bounded.</summary>
    public const int MaxHeld = 256 * CommitLimits.MaxWrites;

    private readonly Dictionary<(string Container, string Partition), Pending> _pending = [];
    private readonly List<Task> _inFlight = [];
    private int _held;

    /// <summary>Commits made so far.</summary>
    public int Commits { get; private set; }

    public Task UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken) =>
        AddAsync(key, DocumentWrite.Upsert(key.Id, value), cancellationToken);

    /// <summary>Holds the write for its partition's next commit, committing that partition first when the write would not fit.</summary>
    public async Task AddAsync(DocumentKey key, DocumentWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.Id != key.Id)
        {
            throw new ArgumentException($"The write is for '{write.Id}', not '{key.Id}'.", nameof(write));
        }

        var partition = (key.Container, key.Partition);
        if (!_pending.TryGetValue(partition, out var pending))
        {
            _pending[partition] = pending = new Pending();
        }

        var bytes = BytesOf(write);
        if (pending.Writes.Count > 0 && pending.Bytes + bytes > CommitLimits.MaxBodyBytes)
        {
            await CommitAsync(partition, pending, cancellationToken).ConfigureAwait(false);
        }

        pending.Writes.Add(write);
        pending.Bytes += bytes;
        _held++;
        if (pending.Writes.Count == CommitLimits.MaxWrites)
        {
            await CommitAsync(partition, pending, cancellationToken).ConfigureAwait(false);
        }

        if (_held > MaxHeld)
        {
            foreach (var (p, held) in _pending.Where(p => p.Value.Writes.Count > 0).ToList())
            {
                await CommitAsync(p, held, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Commits everything held and waits for every commit; the first failure is thrown once all have ended.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var (partition, pending) in _pending.Where(p => p.Value.Writes.Count > 0).ToList())
        {
            await CommitAsync(partition, pending, cancellationToken).ConfigureAwait(false);
        }

        _pending.Clear();
        await DrainAsync().ConfigureAwait(false);
    }

    private async Task CommitAsync((string Container, string Partition) partition, Pending pending, CancellationToken cancellationToken)
    {
        if (_inFlight.Count >= Concurrency)
        {
            var done = await Task.WhenAny(_inFlight).ConfigureAwait(false);
            if (!done.IsCompletedSuccessfully)
            {
                // Let the others end before failing, so none is left running unobserved.
                await DrainAsync().ConfigureAwait(false);
            }

            _inFlight.Remove(done);
        }

        var writes = pending.Writes.ToArray();
        _held -= writes.Length;
        pending.Writes.Clear();
        pending.Bytes = 0;
        Commits++;
        _inFlight.Add(CommitOneAsync(partition.Container, partition.Partition, writes, cancellationToken));
    }

    // Awaited here, so that even a store that throws before it returns a task fails only that commit's task.
    private async Task CommitOneAsync(string container, string partition, DocumentWrite[] writes, CancellationToken cancellationToken) =>
        await documents.CommitAsync(container, partition, writes, cancellationToken).ConfigureAwait(false);

    private async Task DrainAsync()
    {
        // Awaiting them all ends when every one has, then throws the first failure.
        var all = _inFlight.ToArray();
        _inFlight.Clear();
        await Task.WhenAll(all).ConfigureAwait(false);
    }

    private static int BytesOf(DocumentWrite write) => write switch
    {
        UpsertWrite w => Utf8Length(w.Body),
        CreateWrite w => Utf8Length(w.Body),
        ReplaceWrite w => Utf8Length(w.Body),
        _ => 0,
    };

    private static int Utf8Length(JsonElement body) => System.Text.Encoding.UTF8.GetByteCount(body.GetRawText());

    private sealed class Pending
    {
        public List<DocumentWrite> Writes { get; } = [];

        public int Bytes { get; set; }
    }
}
