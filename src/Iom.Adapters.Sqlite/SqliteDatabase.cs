using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Iom.Adapters.Sqlite;

/// <summary>
/// The one SQLite file behind the local document store and queue. Creates the file and its schema when constructed.
/// A connection is opened per operation: the .NET objects are not thread-safe, and pooling makes opening cheap.
/// Disposing it (the host does, at shutdown) closes its own pooled connections, and no other database's.
/// Writes go through <see cref="BeginWriteAsync"/>: one at a time per file in this process, queued without blocking a thread.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS documents (
            container TEXT NOT NULL,
            pk        TEXT NOT NULL,
            id        TEXT NOT NULL,
            kind      TEXT NOT NULL,
            body      TEXT NOT NULL,
            etag      TEXT NOT NULL,
            PRIMARY KEY (container, pk, id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS documents_kind ON documents (container, kind, pk, id);
        CREATE TABLE IF NOT EXISTS queue_messages (
            seq           INTEGER PRIMARY KEY AUTOINCREMENT,
            queue         TEXT NOT NULL,
            id            TEXT NOT NULL UNIQUE,
            body          TEXT NOT NULL,
            inserted_at   INTEGER NOT NULL,
            visible_at    INTEGER NOT NULL,
            dequeue_count INTEGER NOT NULL DEFAULT 0,
            pop_receipt   TEXT
        );
        CREATE INDEX IF NOT EXISTS queue_messages_due ON queue_messages (queue, visible_at, seq);
        """;

    // SQLite admits one writer per file. Left to contend, a writer that finds the lock taken gets SQLITE_BUSY, and
    // Microsoft.Data.Sqlite answers that by blocking its thread for 150 ms (Thread.Sleep) before trying again: under
    // concurrent requests most of a write's latency was those sleeps, on starved thread-pool threads. Writers of this
    // process therefore queue here, asynchronously, and find the lock free. One gate per file, shared by every
    // SqliteDatabase on it (tests and the benchmark build several hosts on one file).
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    // Other processes on the same file (the local host's commands) still contend: SQLite's own busy handler waits for
    // them in steps of a few milliseconds, up to the same 30 s as DefaultTimeout, instead of 150 ms sleeps.
    private const string PerConnection = "PRAGMA busy_timeout = 30000;";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate;

    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public SqliteDatabase(string filePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        FilePath = Path.GetFullPath(filePath);
        // Owner-only before SQLite makes anything: it gives the -wal and -shm files the main file's mode.
        OwnerOnly.CreateFolder(Path.GetDirectoryName(FilePath)!);
        OwnerOnly.CreateFile(FilePath);
        OwnerOnly.NarrowIfExists(FilePath + "-wal");
        OwnerOnly.NarrowIfExists(FilePath + "-shm");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until this many seconds pass (its busy timeout), also for
            // the implicit BEGIN of a transaction.
            DefaultTimeout = 30,
        }.ToString();
        _writeGate = WriteGates.GetOrAdd(FilePath, _ => new SemaphoreSlim(1, 1));

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    public string FilePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var pragma = connection.Command(PerConnection);
            await using (pragma.ConfigureAwait(false))
            {
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Waits for this process's turn to write to the file, then opens a connection and begins an IMMEDIATE transaction
    /// (the write lock taken up front, so a read-then-write never fails half way with SQLITE_BUSY).
    /// </summary>
    public async Task<SqliteWrite> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return new SqliteWrite(connection, connection.BeginTransaction(deferred: false), _writeGate);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }
}
