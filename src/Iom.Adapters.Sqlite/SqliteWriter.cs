using Microsoft.Data.Sqlite;

namespace Iom.Adapters.Sqlite;

/// <summary>
/// The one writer of a <see cref="SqliteDatabase"/> in this process, committing as a group: the writes waiting when a
/// transaction starts run in it one after another, each inside its own savepoint, and one COMMIT (one WAL sync under
/// synchronous=FULL) makes them all durable before any of them is answered. A write that fails is rolled back to its
/// savepoint alone; a COMMIT that fails fails every write in it. Each write therefore stays atomic and is answered only
/// once it is as durable as a commit of its own would have made it.
/// </summary>
/// <remarks>
/// Why: SQLite admits one writer per file, and the intake makes several commits per request. Left to contend, a
/// writer that finds the lock taken gets SQLITE_BUSY, which Microsoft.Data.Sqlite answers by blocking its thread for
/// 150 ms (Thread.Sleep) before trying again; and each commit paid its own sync. Queued here, writers wait without a
/// thread, and concurrent writers share a sync.
/// </remarks>
internal sealed class SqliteWriter(Func<CancellationToken, Task<SqliteConnection>> open)
{
    /// <summary>The most writes one transaction takes; the rest wait for the next.</summary>
    public const int MaxWritesPerCommit = 256;

    private readonly Lock _sync = new();
    private readonly Queue<IWrite> _waiting = new();
    private bool _running;

    public Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new Write<T>(work, cancellationToken);
        bool start;
        lock (_sync)
        {
            _waiting.Enqueue(write);
            start = !_running;
            _running = true;
        }

        if (start)
        {
            // Off the caller's path: the loop runs until nothing waits, which may be long after this write is done.
            _ = Task.Run(RunAsync, CancellationToken.None);
        }

        return write.Task;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            var batch = new List<IWrite>();
            lock (_sync)
            {
                while (batch.Count < MaxWritesPerCommit && _waiting.TryDequeue(out var next))
                {
                    if (next.TryStart())
                    {
                        batch.Add(next);
                    }
                }

                if (batch.Count == 0)
                {
                    _running = false;
                    return;
                }
            }

            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<IWrite> batch)
    {
        try
        {
            var connection = await open(CancellationToken.None).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                // BEGIN IMMEDIATE: the write lock up front, so a read-then-write never fails half way with SQLITE_BUSY.
                var transaction = connection.BeginTransaction(deferred: false);
                await using (transaction.ConfigureAwait(false))
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var savepoint = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        transaction.Save(savepoint);
                        if (await batch[i].RunAsync(connection).ConfigureAwait(false))
                        {
                            transaction.Release(savepoint);
                        }
                        else
                        {
                            // Only this write is undone; if SQLite already rolled the whole transaction back, this throws
                            // and the batch fails as one below.
                            transaction.Rollback(savepoint);
                            transaction.Release(savepoint);
                        }
                    }

                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
#pragma warning disable CA1031 // Whatever stops the commit is every waiting write's failure; nothing here may end the loop.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            return;
        }

        // Answered only now, once the COMMIT has made every write in the batch durable (a refusal included: it was
        // decided against writes that are now committed).
        foreach (var write in batch)
        {
            write.Complete();
        }
    }

    private interface IWrite
    {
        /// <summary>False when the caller gave up while it waited; it is then left out.</summary>
        bool TryStart();

        /// <returns>False when the work threw; its savepoint is to be rolled back.</returns>
        Task<bool> RunAsync(SqliteConnection connection);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class Write<T> : IWrite
    {
        private const int Waiting = 0, Started = 1, Abandoned = 2;
        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Func<SqliteConnection, CancellationToken, Task<T>> _work;
        private readonly CancellationToken _cancellationToken;
        private readonly CancellationTokenRegistration _registration;
        private int _state;
        private T? _result;
        private Exception? _failure;

        public Write(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        {
            _work = work;
            _cancellationToken = cancellationToken;
            // A caller that gives up before its write starts is answered at once, and its write never runs.
            _registration = cancellationToken.Register(() =>
            {
                if (Interlocked.CompareExchange(ref _state, Abandoned, Waiting) == Waiting)
                {
                    _answer.TrySetCanceled(cancellationToken);
                }
            });
        }

        public Task<T> Task => _answer.Task;

        public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Waiting) == Waiting;

        public async Task<bool> RunAsync(SqliteConnection connection)
        {
            await _registration.DisposeAsync().ConfigureAwait(false);
            try
            {
                _result = await _work(connection, _cancellationToken).ConfigureAwait(false);
                return true;
            }
#pragma warning disable CA1031 // The write's own failure is its caller's answer, not the batch's.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _failure = exception;
                return false;
            }
        }

        public void Complete()
        {
            if (_failure is { } failure)
            {
                Fail(failure);
            }
            else
            {
                _answer.TrySetResult(_result!);
            }
        }

        public void Fail(Exception exception)
        {
            // A write that failed by itself keeps its own reason, even when the batch then failed as a whole.
            exception = _failure ?? exception;
            if (exception is OperationCanceledException cancelled && _cancellationToken.IsCancellationRequested)
            {
                _answer.TrySetCanceled(cancelled.CancellationToken == default ? _cancellationToken : cancelled.CancellationToken);
            }
            else
            {
                _answer.TrySetException(exception);
            }
        }
    }
}
