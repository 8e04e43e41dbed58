using Iom.Adapters.Sqlite;
using Iom.Application.Audit;
using Iom.Application.Ports.AuditAnchors;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests.Audit;

/// <summary>
/// What someone who can write to the document store, but holds neither the audit key nor the anchor storage, can no
/// longer do unseen: rewrite a record (recomputing every plain hash and the head), strip a record of its MAC, delete a
/// chain, cut a chain back. And what stays accepted: records from before the key, and keys rotated.
/// </summary>
public sealed class KeyedChainTests
{
    private const string Ann = "person-ann";
    private const string Bob = "person-bob";
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly IDocumentStore documents = new SqliteDocumentStore(
        new SqliteDatabase(Path.Combine(Directory.CreateTempSubdirectory("iom-keyed-").FullName, "iom.db")));

    private readonly AuditKit kit;

    public KeyedChainTests() => kit = new AuditKit(documents);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AuditEntry Entry(string person, int i) =>
        new(person, AuditOperation.Consultation, $"referral/r{i}", new AuditActor("u1", "police", ["iom.coordinator"]), "Testing", At.AddMinutes(i), "corr-1");

    private async Task<List<AuditRecord>> WriteAsync(string person, int count)
    {
        var records = new List<AuditRecord>();
        for (var i = 0; i < count; i++)
        {
            records.Add(await kit.Trail().CommitAsync(Entry(person, i), [], Ct));
        }

        return records;
    }

    private static DocumentKey Key(string person, string id) => new(Containers.People, person, id);

    /// <summary>What a forger without the key does: store the records given, each re-hashed and re-chained, and a head to match.</summary>
    private async Task RewriteWithPlainHashesAsync(string person, IEnumerable<AuditRecord> records)
    {
        var previous = AuditRecord.GenesisHash;
        var count = 0L;
        foreach (var record in records)
        {
            var rechained = record with { PreviousHash = previous };
            rechained = rechained with { Hash = rechained.ComputeHash() };
            await documents.UpsertAsync(Key(person, rechained.Id), rechained, Ct);
            previous = rechained.Hash;
            count = rechained.Sequence;
        }

        await documents.UpsertAsync(Key(person, AuditChainHead.DocumentId), new AuditChainHead(person, count, previous), Ct);
    }

    [Fact]
    public async Task Every_record_carries_the_id_of_the_key_that_signed_it_and_a_MAC_that_only_that_key_gives()
    {
        var record = (await WriteAsync(Ann, 1))[0];
        var keys = await kit.Trail().KeysAsync(Ct);

        record.KeyId.ShouldBe(keys.Current.Id);
        record.Mac.ShouldBe(record.ComputeMac(keys.Current.Key));
        record.Mac.ShouldNotBe(record.ComputeMac(Convert.FromBase64String(AuditKit.NewKey())));
    }

    [Fact]
    public async Task A_record_rewritten_with_every_plain_hash_and_the_head_recomputed_is_reported_because_its_MAC_no_longer_matches()
    {
        var records = await WriteAsync(Ann, 3);

        // The attack that passed before: change record 2, recompute its hash, re-chain record 3, fix the head.
        await RewriteWithPlainHashesAsync(Ann, [records[0], records[1] with { Actor = records[1].Actor with { UserId = "someone-else" } }, records[2]]);

        var verification = await kit.Trail().VerifyAsync(Ann, Ct);
        verification.Intact.ShouldBeFalse();
        verification.FirstBrokenSequence.ShouldBe(2);
        verification.Problem.ShouldBe("Record 2: its MAC does not match: it was changed by someone without the audit key.");
    }

    [Fact]
    public async Task A_keyed_record_stripped_of_its_MAC_and_rehashed_as_one_from_before_the_key_is_reported()
    {
        var records = await WriteAsync(Ann, 3);

        await RewriteWithPlainHashesAsync(Ann, [records[0], records[1] with { Subject = "referral/other", KeyId = null, Mac = null }, records[2] with { KeyId = null, Mac = null }]);

        var verification = await kit.Trail().VerifyAsync(Ann, Ct);
        verification.Intact.ShouldBeFalse();
        verification.FirstBrokenSequence.ShouldBe(2);
        verification.Problem!.ShouldContain("it has no MAC although records before it have");
    }

    [Fact]
    public async Task Records_from_before_the_key_verify_by_their_plain_hash_and_are_reported_as_unkeyed_and_a_keyed_record_after_them_seals_them()
    {
        // Decision: records written before the chain was keyed stay valid (they cannot be re-signed without trusting
        // whatever the store holds now), are counted as unkeyed in every verdict, and are accepted only at the start.
        var legacy = new[] { 1L, 2L }.Select(sequence => new AuditRecord(AuditRecord.IdOf(sequence), Ann, sequence, AuditOperation.Consultation,
            $"referral/r{sequence}", new AuditActor("u1", "police", ["iom.coordinator"]), "Testing", At, "corr-0", null, "", "")).ToList();
        await RewriteWithPlainHashesAsync(Ann, legacy);

        var before = await kit.Trail().VerifyAsync(Ann, Ct);
        (before.Intact, before.Records, before.UnkeyedRecords).ShouldBe((true, 2, 2));

        var sealing = await kit.Trail().CommitAsync(Entry(Ann, 3), [], Ct);
        sealing.KeyId.ShouldNotBeNull();
        var report = await kit.Verify().HandleAsync(Ct);
        (report.Intact, report.RecordsChecked, report.UnkeyedRecords, report.UnkeyedChains).ShouldBe((true, 3, 2, 1));

        // Now rewriting a legacy record means re-chaining the keyed one after it, whose MAC then fails.
        var stored = await kit.Trail().ReadAsync(Ann, Ct);
        await RewriteWithPlainHashesAsync(Ann, [stored[0] with { Subject = "referral/other" }, stored[1], stored[2]]);
        (await kit.Trail().VerifyAsync(Ann, Ct)).FirstBrokenSequence.ShouldBe(3);
    }

    [Fact]
    public async Task After_the_key_is_rotated_new_records_are_signed_with_the_new_key_and_old_ones_still_verify_while_the_old_key_is_listed()
    {
        var old = kit.Keys;
        var first = (await WriteAsync(Ann, 1))[0];
        var newKey = AuditKit.NewKey();
        kit.Keys = $"{newKey},{old}";

        var second = await kit.Trail().CommitAsync(Entry(Ann, 2), [], Ct);

        second.KeyId.ShouldNotBe(first.KeyId);
        (await kit.Trail().VerifyAsync(Ann, Ct)).Intact.ShouldBeTrue();

        kit.Keys = newKey;
        var withoutOld = await kit.Trail().VerifyAsync(Ann, Ct);
        withoutOld.Intact.ShouldBeFalse();
        withoutOld.Problem.ShouldBe($"Record 1: it was signed with audit key {first.KeyId}, which secret 'Audit-ChainKey' no longer holds, so it cannot be verified.");
    }

    [Fact]
    public async Task A_chain_deleted_whole_after_it_was_anchored_is_reported_as_deleted()
    {
        await WriteAsync(Ann, 2);
        await WriteAsync(Bob, 3);
        (await kit.Verify().HandleAsync(anchor: true, Ct)).AnchorWritten.ShouldNotBeNull();

        foreach (var id in new[] { AuditChainHead.DocumentId, AuditRecord.IdOf(1), AuditRecord.IdOf(2), AuditRecord.IdOf(3) })
        {
            await documents.DeleteAsync(Key(Bob, id), null, Ct);
        }

        var report = await kit.Verify().HandleAsync(Ct);
        report.Broken.Select(b => b.PersonId).ShouldBe([Bob]);
        report.Broken[0].Problem.ShouldStartWith("The chain is gone from the store, but the anchor of ");
        report.Broken[0].Problem.ShouldEndWith("holds it with 3 records: it was deleted.");
    }

    [Fact]
    public async Task A_chain_cut_back_with_its_head_fixed_after_it_was_anchored_is_reported()
    {
        var records = await WriteAsync(Ann, 3);
        await kit.Verify().HandleAsync(anchor: true, Ct);

        await documents.DeleteAsync(Key(Ann, records[2].Id), null, Ct);
        await documents.UpsertAsync(Key(Ann, AuditChainHead.DocumentId), new AuditChainHead(Ann, 2, records[1].Hash), Ct);

        var verification = await kit.Trail().VerifyAsync(Ann, Ct);
        verification.Intact.ShouldBeFalse();
        verification.FirstBrokenSequence.ShouldBe(3);
        verification.Problem!.ShouldEndWith("holds 3: records were removed since.");
    }

    [Fact]
    public async Task A_chain_rewritten_whole_by_someone_holding_the_key_no_longer_matches_its_last_anchor()
    {
        await WriteAsync(Ann, 2);
        await kit.Verify().HandleAsync(anchor: true, Ct);

        // Every record re-signed: each MAC is valid, but the second is not the one the anchor sealed.
        await documents.DeleteAsync(Key(Ann, AuditRecord.IdOf(1)), null, Ct);
        await documents.DeleteAsync(Key(Ann, AuditRecord.IdOf(2)), null, Ct);
        await documents.DeleteAsync(Key(Ann, AuditChainHead.DocumentId), null, Ct);
        await kit.Trail().CommitAsync(Entry(Ann, 7), [], Ct);
        await kit.Trail().CommitAsync(Entry(Ann, 8), [], Ct);

        var verification = await kit.Trail().VerifyAsync(Ann, Ct);
        verification.Intact.ShouldBeFalse();
        verification.FirstBrokenSequence.ShouldBe(2);
        verification.Problem!.ShouldContain("it is not the record the anchor of");
    }

    [Fact]
    public async Task A_broken_chain_is_never_anchored_over_so_every_later_run_still_reports_it()
    {
        await WriteAsync(Ann, 2);
        await WriteAsync(Bob, 2);
        await kit.Verify().HandleAsync(anchor: true, Ct);
        await documents.DeleteAsync(Key(Bob, AuditRecord.IdOf(2)), null, Ct);
        await documents.UpsertAsync(Key(Bob, AuditChainHead.DocumentId), new AuditChainHead(Bob, 1, (await kit.Trail().ReadAsync(Bob, Ct))[0].Hash), Ct);

        (await kit.Verify().HandleAsync(anchor: true, Ct)).Broken.Select(b => b.PersonId).ShouldBe([Bob]);
        var later = await kit.Verify().HandleAsync(anchor: true, Ct);

        later.Broken.Select(b => b.PersonId).ShouldBe([Bob]);
        (await kit.Anchors.ReadLatestAsync(Ct))!.Find(Bob)!.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Appending_to_a_chain_after_its_anchor_keeps_it_intact()
    {
        await WriteAsync(Ann, 2);
        await kit.Verify().HandleAsync(anchor: true, Ct);
        await kit.Trail().CommitAsync(Entry(Ann, 3), [], Ct);

        var report = await kit.Verify().HandleAsync(Ct);

        report.Intact.ShouldBeTrue();
        report.AnchoredAt.ShouldNotBeNull();
    }

    [Fact]
    public void An_anchor_cut_short_before_its_closing_line_is_ignored_and_the_one_before_it_counts()
    {
        var whole = new AuditAnchor("a1", At, [new ChainCheckpoint(Ann, 2, "mac-a"), new ChainCheckpoint(Bob, 1, "mac-b")]);
        var cut = AuditAnchorLines.Write(new AuditAnchor("a2", At.AddHours(1), [new ChainCheckpoint(Ann, 1, "forged"), new ChainCheckpoint(Bob, 1, "mac-b")])).SkipLast(1);

        var latest = AuditAnchorLines.LastComplete([.. AuditAnchorLines.Write(whole), .. cut, "{\"anchor\":\"a3\",\"at\":"]);

        latest.ShouldNotBeNull();
        latest.Id.ShouldBe("a1");
        latest.Chains.ShouldBe(whole.Chains);
    }
}
