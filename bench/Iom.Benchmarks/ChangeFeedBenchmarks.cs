using BenchmarkDotNet.Attributes;
using Iom.Adapters.Sqlite;
using Iom.Application.Ports.Documents;

namespace Iom.Benchmarks;

/// <summary>
/// What the nightly rollup's incremental read costs on the local store: 100 changes after a stored position, in a
/// container holding 10k or 100k documents. The cost must follow the changes read, not the container (issue 12).
/// </summary>
[MemoryDiagnoser]
public class ChangeFeedBenchmarks
{
    private const int Changes = 100;
    private const int PerCommit = 100;

    private IDocumentChangeFeed feed = null!;
    private string position = null!;

    [Params(10_000, 100_000)]
    public int Documents { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var database = new SqliteDatabase(Path.Combine(Directory.CreateTempSubdirectory("iom-bench-changes-").FullName, "iom.db"));
        var store = new SqliteDocumentStore(database);
        feed = new SqliteDocumentChangeFeed(database);

        // History: the container's documents, a quarter of them of the kind the rollup reads, the rest other kinds.
        for (var commit = 0; commit < Documents / PerCommit; commit++)
        {
            await store.CommitAsync(Containers.People, $"person-{commit:D6}",
                [.. Enumerable.Range(0, PerCommit).Select(i => i % 4 == 0
                    ? DocumentWrite.Upsert($"m{i}", new BenchMembership("iom", "2026-01-01"))
                    : DocumentWrite.Upsert($"o{i}", new BenchOther(i)))]);
        }

        position = await EndAsync();

        // The day's changes: 100 of the kind read, and as many of other kinds mixed in.
        for (var i = 0; i < Changes; i++)
        {
            await store.CommitAsync(Containers.People, $"person-{i * 7:D6}",
                [DocumentWrite.Upsert("m0", new BenchMembership("iom", "2026-12-14")), DocumentWrite.Upsert("o1", new BenchOther(-i))]);
        }
    }

    /// <summary>The day's 100 changes of one kind after the stored position.</summary>
    [Benchmark]
    public async Task<int> ReadTheDaysChangesOfOneKind() =>
        (await feed.ReadChangesAsync(Containers.People, Kinds, position, Changes)).Changes.Count;

    /// <summary>The first 100 changes of every kind after the stored position.</summary>
    [Benchmark]
    public async Task<int> ReadTheDaysChangesOfEveryKind() =>
        (await feed.ReadChangesAsync(Containers.People, null, position, Changes)).Changes.Count;

    private static readonly string[] Kinds = [DocumentKind.Of<BenchMembership>()];

    private async Task<string> EndAsync()
    {
        string? at = null;
        DocumentChangePage page;
        do
        {
            page = await feed.ReadChangesAsync(Containers.People, null, at, DocumentChangePage.MaxItems);
            at = page.Position;
        }
        while (page.MoreWaiting);

        return at;
    }

    [DocumentKind("bench-membership")]
    public sealed record BenchMembership(string Panel, string Since);

    [DocumentKind("bench-other")]
    public sealed record BenchOther(int Number);
}
