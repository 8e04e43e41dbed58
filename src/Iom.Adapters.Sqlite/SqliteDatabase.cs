using Microsoft.Data.Sqlite;

namespace Iom.Adapters.Sqlite;

/// <summary>
/// The one SQLite file behind the local document store and queue. Creates the file and its schema when constructed.
/// A connection is opened per operation: the .NET objects are not thread-safe, and pooling makes opening cheap.
/// Disposing it (the host does, at shutdown) closes its own pooled connections, and no other database's.
/// Writes go through <see cref="WriteAsync"/>: one writer per database in this process, committing concurrent writes as a group.
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

    // Other processes on the same file (the local host's commands) still contend: SQLite's own busy handler waits for
    // them in steps of a few milliseconds, up to the same 30 s as DefaultTimeout, instead of 150 ms sleeps.
    private const string PerConnection = "PRAGMA busy_timeout = 30000;";

    private readonly string _connectionString;
    private readonly SqliteWriter _writer;

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
        _writer = new SqliteWriter(OpenAsync);

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        AddExpiry(connection);
        AddChangeSequence(connection);
        DropLegacyIndexes(connection);
        command.CommandText = string.Join('\n', SqliteIndexes.Statements());
        command.ExecuteNonQuery();
    }

    // A file made when the expression indexes covered every container: those are dropped (the partial ones replace them).
    private static void DropLegacyIndexes(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents' AND substr(name, 1, length($prefix)) = $prefix";
        command.Parameters.AddWithValue("$prefix", SqliteIndexes.LegacyPrefix);
        var legacy = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                legacy.Add(reader.GetString(0));
            }
        }

        foreach (var name in legacy)
        {
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP INDEX IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            drop.ExecuteNonQuery();
        }
    }

    // A file made before documents could expire gains the column (NULL: never expires) and the sweep's index.
    private static void AddExpiry(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('documents') WHERE name = 'expires_at'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = "ALTER TABLE documents ADD COLUMN expires_at INTEGER";
            command.ExecuteNonQuery();
        }

        command.CommandText = "CREATE INDEX IF NOT EXISTS documents_expiry ON documents (expires_at) WHERE expires_at IS NOT NULL";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The change journal (<see cref="SqliteDocumentChangeFeed"/>): every document carries the sequence number of its
    /// last write, drawn from a counter row in the same transaction. A file made before the journal gains the column,
    /// its documents numbered once in key order (all of them "changed before anything new"), and the counter starts
    /// after them. In one IMMEDIATE transaction, so two processes opening an old file at once number it once.
    /// </summary>
    private static void AddChangeSequence(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('documents') WHERE name = 'seq'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = """
                ALTER TABLE documents ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
                UPDATE documents SET seq = numbered.n
                FROM (SELECT container, pk, id, ROW_NUMBER() OVER (ORDER BY container, pk, id) AS n FROM documents) AS numbered
                WHERE documents.container = numbered.container AND documents.pk = numbered.pk AND documents.id = numbered.id;
                """;
            command.ExecuteNonQuery();
        }

        command.CommandText = $"""
            INSERT INTO sequences (name, value) SELECT '{DocumentSequence}', COALESCE(MAX(seq), 0) FROM documents WHERE true ON CONFLICT (name) DO NOTHING;
            CREATE INDEX IF NOT EXISTS documents_changes ON documents (container, kind, seq);
            CREATE INDEX IF NOT EXISTS documents_changes_all ON documents (container, seq);
            """;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>The counter row of the documents' change sequence.</summary>
    internal const string DocumentSequence = "documents";

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
    /// Runs <paramref name="work"/> as one atomic write: its commands on the connection it is given are all committed
    /// or none, and the returned task completes once they are durable (see <see cref="SqliteWriter"/>). The work runs
    /// on the database's writer, so it must only use that connection: never another write of this database.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _writer.WriteAsync(work, cancellationToken);
}
