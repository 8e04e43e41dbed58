using System.Collections.Concurrent;
using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Adapters.Sqlite;
using Iom.Application.Ports.Documents;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Adapters.Persistence.Tests.Documents;

/// <summary>The change feed contract on a temporary SQLite file per test, and what only SQLite's journal has to prove.</summary>
public sealed class SqliteDocumentChangeFeedTests : DocumentChangeFeedContract, IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero));
    private readonly TemporarySqlite _sqlite;

    public SqliteDocumentChangeFeedTests()
    {
        _sqlite = new((services, configuration) => services.AddSingleton<TimeProvider>(_clock).AddSqliteDocumentStore(configuration));
    }

    protected override IDocumentStore Store => _sqlite.Services.GetRequiredService<IDocumentStore>();

    protected override IDocumentChangeFeed Feed => _sqlite.Services.GetRequiredService<IDocumentChangeFeed>();

    private string FilePath => _sqlite.Services.GetRequiredService<SqliteDatabase>().FilePath;

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public async Task The_writes_of_one_commit_come_back_in_the_order_they_were_written()
    {
        var start = await EndOfFeedAsync();
        var partition = NewPartition();
        var existing = await Store.CreateAsync(NewKey(partition, "z"), new TestNote("z1"), Token);

        await Store.CommitAsync(Container, partition,
        [
            DocumentWrite.Create("y", new TestNote("y1")),
            DocumentWrite.Replace("z", new TestNote("z2"), existing.ETag),
            DocumentWrite.Upsert("x", new TestNote("x1")),
        ], Token);

        (await ReadToEndAsync(start, Notes)).Changes.Select(c => c.Read<TestNote>().Text).ShouldBe(["y1", "z2", "x1"]);
    }

    [Fact]
    public async Task A_refused_commit_takes_no_place_in_the_feed()
    {
        var start = await EndOfFeedAsync();
        var partition = NewPartition();
        await Store.CreateAsync(NewKey(partition, "taken"), new TestNote("taken"), Token);

        await Should.ThrowAsync<DocumentConflictException>(() => Store.CommitAsync(Container, partition,
            [DocumentWrite.Upsert("fresh", new TestNote("fresh")), DocumentWrite.Create("taken", new TestNote("again"))], Token));
        await Store.CreateAsync(NewKey(partition, "next"), new TestNote("next"), Token);

        (await ReadToEndAsync(start, Notes)).Changes.Select(c => c.Key.Id).ShouldBe(["taken", "next"]);
    }

    [Fact]
    public async Task An_expired_document_is_left_out_of_the_feed_as_every_read_leaves_it_out()
    {
        var start = await EndOfFeedAsync();
        var partition = NewPartition();
        await Store.CreateAsync(NewKey(partition, "short"), new TestExpiring("short", TimeSpan.FromMinutes(1)), Token);
        await Store.CreateAsync(NewKey(partition, "lasting"), new TestExpiring("lasting", null), Token);

        _clock.Advance(TimeSpan.FromMinutes(2));

        (await ReadToEndAsync(start, ["test-expiring"])).Changes.Select(c => c.Key.Id).ShouldBe(["lasting"]);
    }

    [Fact]
    public async Task A_reader_following_concurrent_writers_on_two_connections_to_the_file_misses_nothing_and_sees_numbers_only_rise()
    {
        // Two database objects on one file are two writers (as the local host and one of its commands are): their
        // transactions interleave. If a number could become visible before a smaller one was committed, the reader,
        // which resumes after the largest number it has seen, would skip the smaller one for good.
        var second = new SqliteDocumentStore(new SqliteDatabase(FilePath), _clock);
        var stores = new[] { Store, second };
        var keys = Enumerable.Range(0, 600).Select(i => NewKey("p-" + (i % 50), "n" + i)).ToArray();
        var seen = new ConcurrentBag<DocumentKey>();
        var numbers = new List<long>();
        using var writersDone = new CancellationTokenSource();

        async Task FollowAsync()
        {
            string? position = null;
            while (true)
            {
                var finished = writersDone.IsCancellationRequested;
                var page = await Feed.ReadChangesAsync(Container, Notes, position, 37, Token);
                foreach (var change in page.Changes)
                {
                    seen.Add(change.Key);
                }

                numbers.Add(long.Parse(ChangePosition.Unwrap(Container, page.Position)!, System.Globalization.CultureInfo.InvariantCulture));
                position = page.Position;
                if (finished && !page.MoreWaiting)
                {
                    return;
                }

                await Task.Yield();
            }
        }

        var reader = Task.Run(FollowAsync, Token);
        await Task.WhenAll(keys.Select((key, i) => Task.Run(() => i % 3 == 0
            ? stores[i % 2].CommitAsync(key.Container, key.Partition, [DocumentWrite.Create(key.Id, new TestNote(key.Id))], Token)
            : stores[i % 2].CreateAsync(key, new TestNote(key.Id), Token), Token)));
        await writersDone.CancelAsync();
        await reader;

        seen.Count.ShouldBe(keys.Length);
        seen.ToHashSet().SetEquals(keys).ShouldBeTrue();
        numbers.ShouldBe(numbers.Order().ToList());
    }

    [Fact]
    public async Task A_file_made_before_the_journal_opens_with_its_documents_in_the_feed_and_new_writes_after_them()
    {
        var path = Path.Combine(_sqlite.DataDirectory, "old", "iom.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            // The schema as it was before the change journal (and before expiry), with documents in it.
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = """
                CREATE TABLE documents (container TEXT NOT NULL, pk TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,
                    body TEXT NOT NULL, etag TEXT NOT NULL, PRIMARY KEY (container, pk, id)) WITHOUT ROWID;
                INSERT INTO documents VALUES ('people', 'p-1', 'b', 'test-note', '{"text":"old b"}', 'e1');
                INSERT INTO documents VALUES ('people', 'p-1', 'a', 'test-note', '{"text":"old a"}', 'e2');
                INSERT INTO documents VALUES ('panels', 'x', 'c', 'test-note', '{"text":"elsewhere"}', 'e3');
                """;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var database = new SqliteDatabase(path);
        var store = new SqliteDocumentStore(database, _clock);
        var feed = new SqliteDocumentChangeFeed(database, _clock);
        var fresh = await store.CreateAsync(NewKey("p-1", "new"), new TestNote("new"), Token);

        var page = await feed.ReadChangesAsync(Container, Notes, null, 10, Token);
        var reopened = new SqliteDocumentChangeFeed(new SqliteDatabase(path), _clock);
        var again = await reopened.ReadChangesAsync(Container, Notes, null, 10, Token);

        page.Changes.Select(c => c.Read<TestNote>().Text).ShouldBe(["old a", "old b", "new"]);
        page.Changes[^1].ETag.ShouldBe(fresh.ETag);
        again.Changes.Select(c => c.Key.Id).ShouldBe(["a", "b", "new"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("test-note")]
    [InlineData("test-note,test-person,test-listing")]
    public void A_read_of_changes_searches_the_change_index_and_never_scans_the_container(string? kinds)
    {
        var kindList = kinds?.Split(',');
        var (sql, parameters) = SqliteDocumentChangeFeed.Query(Container, kindList, 1500, 101, 0);

        var plan = PlanOf(sql, parameters);

        var searches = plan.Where(line => line.StartsWith("SEARCH documents", StringComparison.Ordinal)).ToList();
        plan.ShouldNotContain(line => line.StartsWith("SCAN documents", StringComparison.Ordinal), string.Join('\n', plan));
        searches.Count.ShouldBe(kindList?.Length ?? 1, string.Join('\n', plan));
        searches.ShouldAllBe(line => line.Contains(kindList == null
            ? "USING INDEX documents_changes_all (container=? AND seq>?)"
            : "USING INDEX documents_changes (container=? AND kind=? AND seq>?)"), string.Join('\n', plan));
    }

    [Fact]
    public void The_end_position_is_one_seek_of_the_change_index()
    {
        var plan = PlanOf(SqliteDocumentChangeFeed.EndQuery, [("$container", Container)]);

        plan.ShouldHaveSingleItem().ShouldStartWith("SEARCH documents USING COVERING INDEX documents_changes_all (container=?)");
    }

    private List<string> PlanOf(string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        // Enough documents of other kinds that a scan would be the planner's worst choice, not a tie.
        SqliteFile.Execute(FilePath, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO documents (container, pk, id, kind, body, etag, seq)
            SELECT 'people', 'p-' || (i % 100), 'd' || i, CASE i % 4 WHEN 0 THEN 'test-note' ELSE 'other' END, '{}', 'e', i FROM n;
            """);
        return SqliteFile.PlanOf(FilePath, sql, parameters);
    }
}
