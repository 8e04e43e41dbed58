using Microsoft.Data.Sqlite;

namespace Iom.Adapters.Sqlite;

/// <summary>
/// One write transaction (BEGIN IMMEDIATE) on its own connection, holding its file's in-process write gate until it
/// is disposed. Disposing without <see cref="CommitAsync"/> rolls back.
/// </summary>
public sealed class SqliteWrite : IAsyncDisposable
{
    private readonly SqliteTransaction _transaction;
    private SemaphoreSlim? _gate;

    internal SqliteWrite(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim gate)
    {
        Connection = connection;
        _transaction = transaction;
        _gate = gate;
    }

    /// <summary>The connection; commands made on it join the transaction.</summary>
    public SqliteConnection Connection { get; }

    public Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _gate, null)?.Release();
        }
    }
}
