using Iom.Application.Ports.Documents;
using Iom.Application.Tests.Performance;

namespace Iom.Application.Tests.Documents;

/// <summary>
/// Writes batched a partition at a time (<see cref="BatchedWrites"/>) on the real SQLite store, counted by the wrapper
/// the rollup tests use: each commit within what a Cosmos DB transactional batch takes, as few commits as that allows.
/// </summary>
public sealed class BatchedWritesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writes_to_one_partition_go_in_commits_of_at_most_100_and_are_all_stored()
    {
        CountingRollupStore? counting = null;
        using var kit = new RollupKit(wrap: real => counting = new CountingRollupStore(real));
        var batch = new BatchedWrites(kit.Documents);

        for (var i = 0; i < 250; i++)
        {
            await batch.UpsertAsync(new DocumentKey(Containers.Performance, "p-1", $"d{i:000}"), new Blob($"document {i}"), Ct);
        }

        await batch.FlushAsync(Ct);

        counting!.Commits.Select(c => c.Kinds.Count).ShouldBe([100, 100, 50]);
        counting.Commits.ShouldAllBe(c => c.Partition == "p-1");
        batch.Commits.ShouldBe(3);
        (await kit.Real.ReadAsync<Blob>(new DocumentKey(Containers.Performance, "p-1", "d249"), Ct)).ShouldNotBeNull().Value.Text.ShouldBe("document 249");
        var stored = 0;
        await foreach (var _ in kit.Real.ReadPartitionAsync<Blob>(Containers.Performance, "p-1", Ct))
        {
            stored++;
        }

        stored.ShouldBe(250);
    }

    [Fact]
    public async Task Large_documents_go_in_commits_under_the_size_a_transactional_batch_takes()
    {
        CountingRollupStore? counting = null;
        using var kit = new RollupKit(wrap: real => counting = new CountingRollupStore(real));
        var batch = new BatchedWrites(kit.Documents);
        var text = new string('x', 100_000);

        for (var i = 0; i < 40; i++)
        {
            await batch.UpsertAsync(new DocumentKey(Containers.Performance, "p-1", $"d{i:000}"), new Blob(text), Ct);
        }

        await batch.FlushAsync(Ct);

        // 100,012 bytes of JSON each: 14 fit under 1,500,000.
        counting!.Commits.Select(c => c.Kinds.Count).ShouldBe([14, 14, 12]);
    }

    [Fact]
    public async Task Each_partition_has_its_own_commits()
    {
        CountingRollupStore? counting = null;
        using var kit = new RollupKit(wrap: real => counting = new CountingRollupStore(real));
        var batch = new BatchedWrites(kit.Documents);

        for (var i = 0; i < 30; i++)
        {
            await batch.UpsertAsync(new DocumentKey(i % 3 == 0 ? Containers.People : Containers.Performance, $"p-{i % 2}", $"d{i:000}"), new Blob("x"), Ct);
        }

        await batch.FlushAsync(Ct);

        counting!.Commits.Select(c => (c.Container, c.Partition, c.Kinds.Count)).Order().ShouldBe(
            [(Containers.People, "p-0", 5), (Containers.People, "p-1", 5), (Containers.Performance, "p-0", 10), (Containers.Performance, "p-1", 10)]);
    }

    [Fact]
    public async Task A_failed_commit_fails_the_flush()
    {
        CountingRollupStore? counting = null;
        using var kit = new RollupKit(wrap: real => counting = new CountingRollupStore(real));
        var batch = new BatchedWrites(kit.Documents);
        await batch.UpsertAsync(new DocumentKey(Containers.Performance, "p-1", "d1"), new Blob("x"), Ct);
        counting!.FailNextWriteOf = "batched-blob";

        await Should.ThrowAsync<IOException>(() => batch.FlushAsync(Ct));
    }

    [DocumentKind("batched-blob")]
    private sealed record Blob(string Text);
}
