using System.Runtime.CompilerServices;
using System.Text.Json;
using Iom.Application.Ports.Documents;
using Microsoft.Data.Sqlite;

namespace Iom.Adapters.Sqlite;

/// <summary>
/// The document port on one SQLite table; a commit is one SQLite transaction. A document with a time to live has an
/// <c>expires_at</c> (Unix milliseconds): once past, no read sees it and a create may take its id; the sweep
/// (<see cref="DeleteExpiredAsync"/>) removes it later.
/// </summary>
public sealed class SqliteDocumentStore(SqliteDatabase database, TimeProvider time) : IDocumentStore
{
    private const string Live = "(expires_at IS NULL OR expires_at > $now)";

    public SqliteDocumentStore(SqliteDatabase database)
        : this(database, TimeProvider.System)
    {
    }

    /// <summary>Documents per page of <see cref="ReadKindAsync{T}"/>.</summary>
    public const int KindPageSize = 100;

    public async Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.Command(
                "SELECT body, etag FROM documents WHERE container = $container AND pk = $pk AND id = $id AND kind = $kind AND " + Live,
                ("$container", key.Container), ("$pk", key.Partition), ("$id", key.Id), ("$kind", DocumentKind.Of<T>()), ("$now", Now()));
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                        ? new StoredDocument<T>(key, Deserialize<T>(reader, 0), reader.GetString(1))
                        : null;
                }
            }
        }
    }

    public Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
        WriteAsync(key, value, DocumentWrite.Create(key.Id, value), cancellationToken);

    public Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default) =>
        WriteAsync(key, value, DocumentWrite.Replace(key.Id, value, ifMatchETag), cancellationToken);

    public Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
        WriteAsync(key, value, DocumentWrite.Upsert(key.Id, value), cancellationToken);

    public async Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await CommitAsync(key.Container, key.Partition, [DocumentWrite.Delete(key.Id, ifMatchETag)], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DocumentNotFoundException)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(
        string container, string partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.Command(
                "SELECT id, body, etag FROM documents WHERE container = $container AND pk = $pk AND kind = $kind AND " + Live + " ORDER BY id",
                ("$container", container), ("$pk", partition), ("$kind", DocumentKind.Of<T>()), ("$now", Now()));
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        yield return new StoredDocument<T>(
                            new DocumentKey(container, partition, reader.GetString(0)), Deserialize<T>(reader, 1), reader.GetString(2));
                    }
                }
            }
        }
    }

    public async IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(
        string container, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var kind = DocumentKind.Of<T>();
        (string Pk, string Id)? after = null;
        while (true)
        {
            // Keyset pages, each on its own short read: no connection or read transaction stays open while the
            // caller works on what it was given, and each page starts after the last key of the one before.
            var page = new List<StoredDocument<T>>(KindPageSize);
            var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = after is { } last
                    ? connection.Command(
                        "SELECT pk, id, body, etag FROM documents WHERE container = $container AND kind = $kind AND (pk, id) > ($pk, $id) AND " + Live + " ORDER BY pk, id LIMIT $limit",
                        ("$container", container), ("$kind", kind), ("$pk", last.Pk), ("$id", last.Id), ("$limit", KindPageSize), ("$now", Now()))
                    : connection.Command(
                        "SELECT pk, id, body, etag FROM documents WHERE container = $container AND kind = $kind AND " + Live + " ORDER BY pk, id LIMIT $limit",
                        ("$container", container), ("$kind", kind), ("$limit", KindPageSize), ("$now", Now()));
                await using (command.ConfigureAwait(false))
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            page.Add(new StoredDocument<T>(
                                new DocumentKey(container, reader.GetString(0), reader.GetString(1)), Deserialize<T>(reader, 2), reader.GetString(3)));
                        }
                    }
                }
            }

            foreach (var document in page)
            {
                yield return document;
            }

            if (page.Count < KindPageSize)
            {
                yield break;
            }

            after = (page[^1].Key.Partition, page[^1].Key.Id);
        }
    }

    public async Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var kind = DocumentKind.Of<T>();
        var after = Keyset.Parse(ContinuationToken.Unwrap(query, kind));
        var (sql, parameters) = QuerySql(query, kind, after, Now());

        var items = new List<StoredDocument<T>>(query.PageSize);
        object? lastOrder = null;
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.Command(sql, [.. parameters]);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (items.Count == query.PageSize)
                        {
                            // One more than a page exists: there is a next page, starting after the last one given.
                            var last = items[^1].Key.Id;
                            return new DocumentPage<T>(items, ContinuationToken.Wrap(query, kind, new Keyset(lastOrder, last).ToString()));
                        }

                        items.Add(new StoredDocument<T>(
                            new DocumentKey(query.Container, query.Partition, reader.GetString(0)), Deserialize<T>(reader, 1), reader.GetString(2)));
                        lastOrder = reader.GetValue(3);
                    }
                }
            }
        }

        return new DocumentPage<T>(items, null);
    }

    /// <summary>A query's SQL and its parameters (a test reads the plan SQLite makes of it).</summary>
    internal static (string Sql, List<(string Name, object? Value)> Parameters) QuerySql(DocumentQuery query, string kind, Keyset? after, long now)
    {
        var order = query.OrderBy is null ? "id" : SqliteIndexes.Extract(query.OrderBy);
        var sql = new System.Text.StringBuilder("SELECT id, body, etag, " + order + " FROM documents WHERE container = $container AND pk = $pk AND kind = $kind AND " + Live);
        var parameters = new List<(string, object?)> { ("$container", query.Container), ("$pk", query.Partition), ("$kind", kind), ("$now", now), ("$limit", query.PageSize + 1) };
        for (var i = 0; i < query.Filters.Count; i++)
        {
            var filter = query.Filters[i];
            var op = filter.Operator.SqlComparison();
            sql.Append(" AND ").Append(SqliteIndexes.Extract(filter.Field)).Append(' ').Append(op).Append(" $f").Append(i);
            parameters.Add(($"$f{i}", filter.Value));
        }

        if (query.OrderBy is not null)
        {
            // As in Cosmos DB's query: a document without the ordered field has no place in the order.
            sql.Append(" AND ").Append(order).Append(" IS NOT NULL");
        }

        if (after is not null)
        {
            sql.Append(query.OrderBy is null ? " AND id > $afterId" : $" AND ({order} > $after OR ({order} = $after AND id > $afterId))");
            parameters.Add(("$after", after.Value));
            parameters.Add(("$afterId", after.Id));
        }

        sql.Append(" ORDER BY ").Append(order).Append(query.OrderBy is null ? "" : ", id").Append(" LIMIT $limit");

        return (sql.ToString(), parameters);
    }

    /// <summary>Deletes documents whose time to live has passed (reads already ignore them). Returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        // Through the one writer, like every other write, so the sweep never fights a commit for the lock.
        return await database.WriteAsync(async (connection, token) =>
        {
            var command = connection.Command("DELETE FROM documents WHERE expires_at <= $now", ("$now", Now()));
            await using (command.ConfigureAwait(false))
            {
                return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        await ApplyAsync(container, partition, writes, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StoredDocument<T>> WriteAsync<T>(DocumentKey key, T value, DocumentWrite write, CancellationToken cancellationToken)
    {
        var etags = await ApplyAsync(key.Container, key.Partition, [write], cancellationToken).ConfigureAwait(false);
        return new StoredDocument<T>(key, value, etags[0]!);
    }

    /// <returns>The new ETag of each write (null for a delete).</returns>
    private async Task<string?[]> ApplyAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken)
    {
        return await database.WriteAsync(async (connection, token) =>
        {
            var etags = new string?[writes.Count];
            var now = Now();
            // The change journal's numbers for the commit's writes, drawn from the counter at once in this same
            // transaction: the writer's IMMEDIATE transaction holds the file's one write lock, so numbers rise in
            // commit order and no reader sees a number before every smaller one is committed (or rolled back with it).
            var numbered = writes.Count(w => w is not DeleteWrite);
            var seq = numbered == 0 ? 0L : await ReserveSequenceAsync(connection, numbered, token).ConfigureAwait(false) - numbered;
            for (var i = 0; i < writes.Count; i++)
            {
                var number = writes[i] is DeleteWrite ? 0L : ++seq;
                etags[i] = await ApplyAsync(connection, new DocumentKey(container, partition, writes[i].Id), writes[i], now, number, token).ConfigureAwait(false);
            }

            return etags;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> ApplyAsync(SqliteConnection connection, DocumentKey key, DocumentWrite write, long now, long seq, CancellationToken cancellationToken)
    {
        // An expired document is gone for every write, as in Cosmos DB: drop it first, so a create may take its id
        // and a replace or delete finds nothing. An upsert overwrites every column whatever it finds, so needs no purge.
        if (write is not UpsertWrite)
        {
            var purge = connection.Command(
                "DELETE FROM documents WHERE container = $container AND pk = $pk AND id = $id AND expires_at <= $now",
                ("$container", key.Container), ("$pk", key.Partition), ("$id", key.Id), ("$now", now));
            await using (purge.ConfigureAwait(false))
            {
                await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var etag = Guid.NewGuid().ToString("N");
        var (sql, kind, body, ifMatch, ttl) = write switch
        {
            CreateWrite w => ("INSERT INTO documents (container, pk, id, kind, body, etag, expires_at, seq) VALUES ($container, $pk, $id, $kind, $body, $etag, $expiresAt, $seq) ON CONFLICT DO NOTHING",
                w.Kind, w.Body.GetRawText(), (string?)null, w.TimeToLiveSeconds),
            ReplaceWrite w => ("UPDATE documents SET kind = $kind, body = $body, etag = $etag, expires_at = $expiresAt, seq = $seq WHERE container = $container AND pk = $pk AND id = $id AND etag = $ifMatch",
                w.Kind, w.Body.GetRawText(), w.IfMatchETag, w.TimeToLiveSeconds),
            UpsertWrite w => ("""
                INSERT INTO documents (container, pk, id, kind, body, etag, expires_at, seq) VALUES ($container, $pk, $id, $kind, $body, $etag, $expiresAt, $seq)
                ON CONFLICT (container, pk, id) DO UPDATE SET kind = excluded.kind, body = excluded.body, etag = excluded.etag, expires_at = excluded.expires_at, seq = excluded.seq
                """, w.Kind, w.Body.GetRawText(), (string?)null, w.TimeToLiveSeconds),
            DeleteWrite w => ("DELETE FROM documents WHERE container = $container AND pk = $pk AND id = $id AND ($ifMatch IS NULL OR etag = $ifMatch)",
                (string?)null, (string?)null, w.IfMatchETag, (int?)null),
            _ => throw new ArgumentOutOfRangeException(nameof(write), write.GetType().Name, "Unknown kind of write."),
        };

        var command = connection.Command(sql,
            ("$container", key.Container), ("$pk", key.Partition), ("$id", key.Id),
            ("$kind", kind), ("$body", body), ("$etag", etag), ("$ifMatch", ifMatch), ("$seq", seq),
            ("$expiresAt", ttl is { } seconds ? now + (seconds * 1000L) : null));
        await using (command.ConfigureAwait(false))
        {
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return write is DeleteWrite ? null : etag;
            }
        }

        // Nothing changed: say why. The caller's transaction is rolled back when the exception leaves it.
        if (write is CreateWrite)
        {
            throw new DocumentConflictException(key);
        }

        throw await ExistsAsync(connection, key, cancellationToken).ConfigureAwait(false)
            ? new DocumentPreconditionFailedException(key)
            : new DocumentNotFoundException(key);
    }

    /// <returns>The counter after taking <paramref name="count"/> numbers: the last of them.</returns>
    private static async Task<long> ReserveSequenceAsync(SqliteConnection connection, int count, CancellationToken cancellationToken)
    {
        var command = connection.Command("UPDATE sequences SET value = value + $count WHERE name = $name RETURNING value",
            ("$count", count), ("$name", SqliteDatabase.DocumentSequence));
        await using (command.ConfigureAwait(false))
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static async Task<bool> ExistsAsync(SqliteConnection connection, DocumentKey key, CancellationToken cancellationToken)
    {
        var command = connection.Command(
            "SELECT EXISTS (SELECT 1 FROM documents WHERE container = $container AND pk = $pk AND id = $id)",
            ("$container", key.Container), ("$pk", key.Partition), ("$id", key.Id));
        await using (command.ConfigureAwait(false))
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    // The body's UTF-8 bytes as SQLite holds them, parsed as they are: reading it as a string first would decode it to
    // UTF-16 only for the parser to encode it back (a full scan pays that for every document).
    private static T Deserialize<T>(SqliteDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<T>(reader.GetFieldValue<byte[]>(ordinal), DocumentJson.Options) ?? throw new JsonException($"A stored {typeof(T).Name} was null.");
}
