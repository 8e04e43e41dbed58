using Iom.Application.Ports.AuditAnchors;

namespace Iom.Adapters.Persistence.Tests.AuditAnchors;

/// <summary>What every audit anchor store does, run against the blob store on Azurite and the local file.</summary>
public abstract class AuditAnchorContract
{
    protected static readonly DateTimeOffset Day1 = DateTimeOffset.Parse("2026-12-14T09:45:00Z", System.Globalization.CultureInfo.InvariantCulture);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty store.</summary>
    protected abstract IAuditAnchorStore NewStore();

    /// <summary>Appends text to where the store keeps the anchors of that day, as a run that died part way would leave it.</summary>
    protected abstract Task AppendRawAsync(IAuditAnchorStore store, DateTimeOffset day, string text);

    private static AuditAnchor Anchor(string id, DateTimeOffset at, int chains) =>
        new(id, at, Enumerable.Range(0, chains).Select(i => new ChainCheckpoint($"person-{i:D5}", i + 1, $"mac-{id}-{i}")).ToList());

    [Fact]
    public async Task A_store_with_no_anchor_has_no_latest()
    {
        (await NewStore().ReadLatestAsync(Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task The_latest_anchor_is_the_last_appended_whole_with_every_chain_in_it()
    {
        var store = NewStore();
        await store.AppendAsync(Anchor("a1", Day1, 3), Ct);
        await store.AppendAsync(Anchor("a2", Day1.AddHours(1), 4), Ct);
        await store.AppendAsync(Anchor("a3", Day1.AddDays(1), 2), Ct);

        var latest = await store.ReadLatestAsync(Ct);

        latest.ShouldNotBeNull();
        latest.Id.ShouldBe("a3");
        latest.At.ShouldBe(Day1.AddDays(1));
        latest.Chains.ShouldBe(Anchor("a3", Day1.AddDays(1), 2).Chains);
    }

    [Fact]
    public async Task An_anchor_cut_short_by_a_crash_is_passed_over_for_the_one_before_even_on_an_earlier_day()
    {
        var store = NewStore();
        await store.AppendAsync(Anchor("a1", Day1, 3), Ct);
        var cut = string.Join("\n", AuditAnchorLines.Write(Anchor("a2", Day1.AddDays(1), 3)).SkipLast(1)) + "\n{\"anchor\":\"a2\",";
        await AppendRawAsync(store, Day1.AddDays(1), cut);

        (await store.ReadLatestAsync(Ct))!.Id.ShouldBe("a1");
    }

    [Fact]
    public async Task An_anchor_of_thousands_of_chains_reads_back_whole()
    {
        var store = NewStore();
        var big = Anchor("big", Day1, 20_000);

        await store.AppendAsync(big, Ct);

        var latest = await store.ReadLatestAsync(Ct);
        latest!.Chains.Count.ShouldBe(20_000);
        latest.Chains[^1].ShouldBe(big.Chains[^1]);
    }
}
