using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Adapters.Sqlite;
using Iom.Application.Ports.Documents;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Adapters.Persistence.Tests.Documents;

/// <summary>The whole document contract, commits included, on a temporary SQLite file per test.</summary>
public sealed class SqliteDocumentStoreTests : TransactionalDocumentStoreContract, IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero));
    private readonly TemporarySqlite _sqlite;

    public SqliteDocumentStoreTests()
    {
        _sqlite = new((services, configuration) => services.AddSingleton<TimeProvider>(_clock).AddSqliteDocumentStore(configuration));
    }

    protected override IDocumentStore Store => _sqlite.Services.GetRequiredService<IDocumentStore>();

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public async Task Documents_survive_a_new_store_on_the_same_file()
    {
        var key = NewKey();
        await Store.CreateAsync(key, Zoe, Token);

        var reopened = new SqliteDocumentStore(new SqliteDatabase(_sqlite.Services.GetRequiredService<SqliteDatabase>().FilePath));

        (await reopened.ReadAsync<TestPerson>(key, Token))!.Value.ShouldBe(Zoe);
    }

    [Fact]
    public async Task An_expired_document_is_no_longer_read_by_any_read_and_its_id_can_be_created_again()
    {
        var key = new DocumentKey(Containers.Panels, "ttl-" + Guid.NewGuid().ToString("N"), "window");
        var lasting = key with { Id = "lasting" };
        await Store.CreateAsync(key, new TestExpiring("short", TimeSpan.FromMinutes(1)), Token);
        await Store.CreateAsync(lasting, new TestExpiring("forever", null), Token);
        (await Store.ReadAsync<TestExpiring>(key, Token)).ShouldNotBeNull();

        _clock.Advance(TimeSpan.FromSeconds(61));

        (await Store.ReadAsync<TestExpiring>(key, Token)).ShouldBeNull();
        (await Store.ReadPartitionAsync<TestExpiring>(key.Container, key.Partition, Token).ToListAsync(Token)).Select(d => d.Key.Id).ShouldBe(["lasting"]);
        (await Store.QueryAsync<TestExpiring>(new DocumentQuery(key.Container, key.Partition), Token)).Items.Select(d => d.Key.Id).ShouldBe(["lasting"]);
        (await Store.ReadKindAsync<TestExpiring>(key.Container, Token).ToListAsync(Token)).ShouldNotContain(d => d.Key == key);
        await Should.ThrowAsync<DocumentNotFoundException>(() => Store.ReplaceAsync(key, new TestExpiring("late", null), "any", Token));
        await Store.CreateAsync(key, new TestExpiring("again", null), Token);
        (await Store.ReadAsync<TestExpiring>(key, Token))!.Value.Text.ShouldBe("again");
    }

    [Fact]
    public async Task An_upsert_over_an_expired_document_stores_the_new_one_with_its_own_time_to_live()
    {
        var key = new DocumentKey(Containers.Panels, "ttl-" + Guid.NewGuid().ToString("N"), "window");
        await Store.CreateAsync(key, new TestExpiring("short", TimeSpan.FromMinutes(1)), Token);
        _clock.Advance(TimeSpan.FromSeconds(61));

        var upserted = await Store.UpsertAsync(key, new TestExpiring("again", TimeSpan.FromMinutes(5)), Token);
        _clock.Advance(TimeSpan.FromMinutes(4));

        var read = (await Store.ReadAsync<TestExpiring>(key, Token)).ShouldNotBeNull();
        read.Value.Text.ShouldBe("again");
        read.ETag.ShouldBe(upserted.ETag);
        _clock.Advance(TimeSpan.FromMinutes(2));
        (await Store.ReadAsync<TestExpiring>(key, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task A_rewrite_sets_the_time_to_live_afresh_and_the_sweep_deletes_only_what_has_expired()
    {
        var key = new DocumentKey(Containers.Panels, "ttl-" + Guid.NewGuid().ToString("N"), "entry");
        await Store.UpsertAsync(key, new TestExpiring("pending", null), Token);
        _clock.Advance(TimeSpan.FromHours(1));
        await Store.CommitAsync(key.Container, key.Partition, [DocumentWrite.Upsert(key.Id, new TestExpiring("dispatched", TimeSpan.FromMinutes(10)))], Token);
        var sqlite = _sqlite.Services.GetRequiredService<SqliteDocumentStore>();

        (await sqlite.DeleteExpiredAsync(Token)).ShouldBe(0);
        _clock.Advance(TimeSpan.FromMinutes(11));
        (await sqlite.DeleteExpiredAsync(Token)).ShouldBe(1);

        (await Store.ReadAsync<TestExpiring>(key, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task Concurrent_writes_committed_together_each_stay_atomic_and_a_refused_one_undoes_only_itself()
    {
        // Many writers at once share commits (SqliteWriter); a conflicting batch among them must change nothing of its
        // own and nothing of the others'.
        var taken = NewKey();
        await Store.CreateAsync(taken, Zoe, Token);
        var partitions = Enumerable.Range(0, 200).Select(_ => "p-" + Guid.NewGuid().ToString("N")).ToArray();

        var outcomes = await Task.WhenAll(partitions.Select(async (partition, i) =>
        {
            if (i % 10 == 0)
            {
                // A batch in another partition cannot touch `taken`, so the refusal comes from a duplicate in the batch.
                await Should.ThrowAsync<DocumentConflictException>(() => Store.CommitAsync(taken.Container, partition,
                    [DocumentWrite.Create("a", Zoe), DocumentWrite.Create("a", Zoe)], Token));
                return (partition, stored: false);
            }

            await Store.CommitAsync(taken.Container, partition,
                [DocumentWrite.Create("a", Zoe with { Visits = i }), DocumentWrite.Create("b", Zoe with { Visits = i })], Token);
            return (partition, stored: true);
        }));

        foreach (var (partition, stored) in outcomes)
        {
            (await Store.ReadAsync<TestPerson>(new DocumentKey(taken.Container, partition, "a"), Token) is not null).ShouldBe(stored);
            (await Store.ReadAsync<TestPerson>(new DocumentKey(taken.Container, partition, "b"), Token) is not null).ShouldBe(stored);
        }

        outcomes.Count(o => o.stored).ShouldBe(180);
    }

    [Fact]
    public async Task A_write_whose_caller_gave_up_before_it_started_is_never_applied()
    {
        var key = NewKey();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => Store.CreateAsync(key, Zoe, cancelled.Token));

        (await Store.ReadAsync<TestPerson>(key, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task Every_answered_write_is_in_the_file_when_another_connection_reads_it()
    {
        // A write is answered only after the COMMIT of its group: a fresh database object on the same file sees it.
        var keys = Enumerable.Range(0, 100).Select(_ => NewKey()).ToArray();
        await Task.WhenAll(keys.Select(key => Store.CreateAsync(key, Zoe, Token)));

        var reopened = new SqliteDocumentStore(new SqliteDatabase(_sqlite.Services.GetRequiredService<SqliteDatabase>().FilePath));
        foreach (var key in keys)
        {
            (await reopened.ReadAsync<TestPerson>(key, Token)).ShouldNotBeNull();
        }
    }
    [Theory]
    [InlineData("panels", "status", "submittedAt", "documents_panels_by_status")]
    [InlineData("operations", "dueAt", "dueAt", "documents_operations_by_dueAt")]
    [InlineData("people", null, "sequence", "documents_people_by_sequence")]
    public void A_query_searches_its_own_containers_partial_index_and_never_scans(string container, string? filtered, string ordered, string indexPrefix)
    {
        var query = new DocumentQuery(container, "p-1")
        {
            Filters = filtered is null ? [] : [FieldFilter.EqualTo(filtered, "x")],
            OrderBy = ordered,
        };
        var (sql, parameters) = SqliteDocumentStore.QuerySql(query, "test-note", null, 0);

        var plan = PlanOf(sql, parameters);

        plan.ShouldNotContain(line => line.StartsWith("SCAN documents", StringComparison.Ordinal), string.Join('\n', plan));
        plan.ShouldContain(line => line.StartsWith("SEARCH documents USING INDEX " + indexPrefix, StringComparison.Ordinal), string.Join('\n', plan));
    }

    [Fact]
    public void Expression_indexes_cover_only_their_own_containers_documents_and_an_older_files_indexes_over_every_container_are_dropped()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("iom-sqlite-legacy-").FullName, "iom.db");
        using (new SqliteDatabase(path))
        {
        }

        SqliteFile.Execute(path, "CREATE INDEX \"documents_by_status\" ON documents (container, pk, kind, json_extract(body, '$.status'))");
        using (new SqliteDatabase(path))
        {
        }

        var indexes = Indexes(path);
        indexes.Keys.ShouldNotContain("documents_by_status");
        var expressions = indexes.Where(i => i.Value.Contains("json_extract", StringComparison.Ordinal)).ToList();
        expressions.ShouldNotBeEmpty();
        expressions.ShouldAllBe(i => i.Value.EndsWith($"WHERE container = '{i.Key.Split('_', StringSplitOptions.None)[1]}'", StringComparison.Ordinal));
        expressions.ShouldNotContain(i => i.Key.StartsWith("documents_performance_", StringComparison.Ordinal), "the rollups' container queries no body field");
    }

    private static Dictionary<string, string> Indexes(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents' AND sql IS NOT NULL";
        using var reader = command.ExecuteReader();
        var indexes = new Dictionary<string, string>();
        while (reader.Read())
        {
            indexes[reader.GetString(0)] = reader.GetString(1);
        }

        return indexes;
    }

    private List<string> PlanOf(string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        var path = _sqlite.Services.GetRequiredService<SqliteDatabase>().FilePath;
        // Enough documents of every container that a scan would be the planner's worst choice, not a tie.
        SqliteFile.Execute(path, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO documents (container, pk, id, kind, body, etag, seq)
            SELECT CASE i % 4 WHEN 0 THEN 'panels' WHEN 1 THEN 'people' WHEN 2 THEN 'operations' ELSE 'performance' END,
                   'p-' || (i % 50), 'd' || i, 'test-note', '{"status":"x","submittedAt":"' || i || '","dueAt":"' || i || '","sequence":' || i || '}', 'e', i FROM n;
            ANALYZE;
            """);
        return SqliteFile.PlanOf(path, sql, parameters);
    }
}
