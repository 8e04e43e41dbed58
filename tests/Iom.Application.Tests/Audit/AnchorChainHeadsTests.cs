using Iom.Adapters.Sqlite;
using Iom.Application.Audit;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests.Audit;

/// <summary>The hourly anchor from chain heads alone, on a SQLite store, checked by the full verification.</summary>
public sealed class AnchorChainHeadsTests
{
    private static readonly string[] People = ["person-ann", "person-bob", "person-cat"];
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly IDocumentStore documents = new SqliteDocumentStore(
        new SqliteDatabase(Path.Combine(Directory.CreateTempSubdirectory("iom-audit-anchor-").FullName, "iom.db")));

    private readonly AuditKit kit;

    public AnchorChainHeadsTests() => kit = new AuditKit(documents);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AnchorChainHeads Anchor(IDocumentStore? store = null) => new(store ?? documents, kit.Anchors, TimeProvider.System);

    private static DocumentKey Key(string person, string id) => new(Containers.People, person, id);

    private async Task AppendAsync(int records)
    {
        foreach (var person in People)
        {
            await kit.AppendAsync(person, records, Ct);
        }
    }

    /// <summary>Cuts the chain back to its first record and makes the head agree, as someone with write access could.</summary>
    private async Task CutBackAsync(string person)
    {
        var records = await kit.Trail().ReadAsync(person, Ct);
        foreach (var record in records.Skip(1))
        {
            await documents.DeleteAsync(Key(person, record.Id), null, Ct);
        }

        await documents.UpsertAsync(Key(person, AuditChainHead.DocumentId), new AuditChainHead(person, 1, records[0].Hash) { LastMac = records[0].Seal }, Ct);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(30)]
    public async Task The_hourly_anchor_reads_the_same_documents_whatever_the_number_of_records_per_chain(int records)
    {
        await AppendAsync(records);
        var counting = new RoundTripCountingStore(documents);

        var first = await Anchor(counting).HandleAsync(Ct);
        var firstRead = counting.DocumentsRead;
        await AppendAsync(records);
        counting.Reset();
        var second = await Anchor(counting).HandleAsync(Ct);

        // The three heads; then the three heads and, for each chain grown since, its record at the anchored place.
        (first.Chains, first.HeldBack, firstRead).ShouldBe((3, 0, 3));
        (second.Chains, second.HeldBack, counting.DocumentsRead).ShouldBe((3, 0, 6));
        var anchor = (await kit.Anchors.ReadLatestAsync(Ct))!;
        anchor.Chains.Select(c => c.Count).ShouldBe([2L * records, 2L * records, 2L * records]);
    }

    [Fact]
    public async Task An_anchor_from_the_heads_seals_each_chains_last_record_and_the_full_verification_agrees_with_it()
    {
        await AppendAsync(4);

        await Anchor().HandleAsync(Ct);

        var anchor = (await kit.Anchors.ReadLatestAsync(Ct))!;
        foreach (var person in People)
        {
            var last = (await kit.Trail().ReadAsync(person, Ct))[^1];
            anchor.Find(person).ShouldBe(new Iom.Application.Ports.AuditAnchors.ChainCheckpoint(person, 4, last.Mac!));
        }

        (await kit.Verify().HandleAsync(Ct)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task A_chain_cut_back_after_the_hourly_anchor_is_reported_by_the_full_verification()
    {
        await AppendAsync(3);
        await Anchor().HandleAsync(Ct);

        await CutBackAsync(People[1]);

        var report = await kit.Verify().HandleAsync(Ct);
        var broken = report.Broken.ShouldHaveSingleItem();
        broken.PersonId.ShouldBe(People[1]);
        broken.Problem.ShouldContain("records were removed since");
    }

    [Fact]
    public async Task A_chain_cut_back_is_held_back_at_its_checkpoint_by_the_next_hourly_anchor_so_it_keeps_being_reported()
    {
        await AppendAsync(3);
        await Anchor().HandleAsync(Ct);
        await CutBackAsync(People[1]);

        var next = await Anchor().HandleAsync(Ct);

        (next.Chains, next.HeldBack).ShouldBe((3, 1));
        (await kit.Anchors.ReadLatestAsync(Ct))!.Find(People[1])!.Count.ShouldBe(3);
        (await kit.Verify().HandleAsync(Ct)).Broken.ShouldHaveSingleItem().Problem.ShouldContain("holds 3: records were removed since");
    }

    [Fact]
    public async Task A_chain_rewritten_at_the_anchored_place_or_deleted_whole_is_held_back_too()
    {
        await AppendAsync(3);
        await Anchor().HandleAsync(Ct);
        // Bob's third record replaced (by someone who could even sign it) and a fourth appended; Cat's chain deleted.
        var third = (await documents.ReadAsync<AuditRecord>(Key(People[1], AuditRecord.IdOf(3)), Ct))!.Value;
        await documents.UpsertAsync(Key(People[1], third.Id), third with { Mac = new string('0', 64) }, Ct);
        await kit.Trail().CommitAsync(new AuditEntry(People[1], AuditOperation.Consultation, "referral/r9",
            new AuditActor("u1", "police", ["iom.coordinator"]), "Testing", At, "corr-2"), [], Ct);
        foreach (var id in new[] { AuditChainHead.DocumentId, AuditRecord.IdOf(1), AuditRecord.IdOf(2), AuditRecord.IdOf(3) })
        {
            await documents.DeleteAsync(Key(People[2], id), null, Ct);
        }

        var next = await Anchor().HandleAsync(Ct);

        (next.Chains, next.HeldBack).ShouldBe((3, 2));
        var anchor = (await kit.Anchors.ReadLatestAsync(Ct))!;
        (anchor.Find(People[1])!.Count, anchor.Find(People[2])!.Count).ShouldBe((3, 3));
        (await kit.Verify().HandleAsync(Ct)).Broken.Select(b => b.PersonId).ShouldBe([People[1], People[2]]);
    }

    [Fact]
    public async Task A_head_written_before_heads_kept_the_seal_is_anchored_from_its_last_record()
    {
        await AppendAsync(2);
        var last = (await kit.Trail().ReadAsync(People[0], Ct))[^1];
        await documents.UpsertAsync(Key(People[0], AuditChainHead.DocumentId), new AuditChainHead(People[0], 2, last.Hash), Ct);

        var anchored = await Anchor().HandleAsync(Ct);

        anchored.HeldBack.ShouldBe(0);
        (await kit.Anchors.ReadLatestAsync(Ct))!.Find(People[0])!.LastMac.ShouldBe(last.Mac);
        (await kit.Verify().HandleAsync(Ct)).Intact.ShouldBeTrue();
    }
}
