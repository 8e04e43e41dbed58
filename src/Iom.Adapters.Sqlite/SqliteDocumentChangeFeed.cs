using System.Globalization;
using System.Text;
using System.Text.Json;
using Iom.Application.Ports.Documents;
using Microsoft.Data.Sqlite;

namespace Iom.Adapters.Sqlite;

/// <summary>
/// The change feed on the SQLite file: each document's <c>seq</c> is the number of its last write (see
/// <see cref="SqliteDatabase"/>), so "changed after a position" is a range of an index on (container, kind, seq), and
/// a read costs the page it returns, not the container. The position is that number. Deletions leave no row, so they
/// are not in the feed (as in Cosmos DB's latest-version change feed), and expired documents are left out as every
/// read leaves them out.
/// </summary>
public sealed class SqliteDocumentChangeFeed(SqliteDatabase database, TimeProvider time) : IDocumentChangeFeed
{
    public SqliteDocumentChangeFeed(SqliteDatabase database)
        : this(database, TimeProvider.System)
    {
    }

    public async Task<DocumentChangePage> ReadChangesAsync(
        string container, IReadOnlyCollection<string>? kinds, string? after, int maxItems, CancellationToken cancellationToken = default)
    {
        ChangePosition.Validate(container, kinds, maxItems);
        var from = Parse(ChangePosition.Unwrap(container, after));
        var (sql, parameters) = Query(container, kinds, from, maxItems + 1, time.GetUtcNow().ToUnixTimeMilliseconds());

        var changes = new List<DocumentChange>(maxItems);
        var last = from;
        var more = false;
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One statement, so one read snapshot: it holds whole commits only, and since numbers rise in commit
            // order, every number up to the last one read that it will ever hold.
            var command = connection.Command(sql, [.. parameters]);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (changes.Count == maxItems)
                        {
                            more = true;
                            break;
                        }

                        using var body = JsonDocument.Parse(reader.GetString(3));
                        changes.Add(new DocumentChange(
                            new DocumentKey(container, reader.GetString(0), reader.GetString(1)), reader.GetString(2), body.RootElement.Clone(), reader.GetString(4)));
                        last = reader.GetInt64(5);
                    }
                }
            }
        }

        return new DocumentChangePage(changes, ChangePosition.Wrap(container, last.ToString(CultureInfo.InvariantCulture)), more);
    }

    internal const string EndQuery = "SELECT COALESCE(MAX(seq), 0) FROM documents WHERE container = $container";

    public async Task<string> EndPositionAsync(string container, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The last entry of the (container, seq) index: one seek, whatever the container holds.
            var command = connection.Command(EndQuery, ("$container", container));
            await using (command.ConfigureAwait(false))
            {
                var end = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                return ChangePosition.Wrap(container, end.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>
    /// The statement a read runs (public to the tests, which check its plan). With kinds, one index range per kind,
    /// each limited, merged in order: a page costs the page times the kinds, whatever else the container holds.
    /// </summary>
    internal static (string Sql, List<(string Name, object? Value)> Parameters) Query(string container, IReadOnlyCollection<string>? kinds, long after, int limit, long now)
    {
        const string Columns = "pk, id, kind, body, etag, seq";
        const string Live = "(expires_at IS NULL OR expires_at > $now)";
        var parameters = new List<(string, object?)> { ("$container", container), ("$after", after), ("$limit", limit), ("$now", now) };
        if (kinds is null)
        {
            return ($"SELECT {Columns} FROM documents WHERE container = $container AND seq > $after AND {Live} ORDER BY seq LIMIT $limit", parameters);
        }

        var sql = new StringBuilder($"SELECT {Columns} FROM (");
        var i = 0;
        foreach (var kind in kinds.Distinct(StringComparer.Ordinal))
        {
            sql.Append(i == 0 ? "" : " UNION ALL ")
                .Append("SELECT * FROM (SELECT " + Columns + " FROM documents WHERE container = $container AND kind = $k" + i.ToString(CultureInfo.InvariantCulture)
                    + " AND seq > $after AND " + Live + " ORDER BY seq LIMIT $limit)");
            parameters.Add(("$k" + i.ToString(CultureInfo.InvariantCulture), kind));
            i++;
        }

        return (sql.Append(") ORDER BY seq LIMIT $limit").ToString(), parameters);
    }

    private static long Parse(string? position) =>
        position is null ? 0
        : long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq
        : throw new InvalidContinuationException();
}
