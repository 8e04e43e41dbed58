using Iom.Adapters.Sqlite;
using Iom.Application.Audit;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests.Audit;

/// <summary>Every chain in a SQLite store: three people, one of them tampered with in each way the chain detects.</summary>
public sealed class VerifyAuditChainsTests
{
    private const string Ann = "person-ann";
    private const string Bob = "person-bob";
    private const string Cat = "person-cat";
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly IDocumentStore documents = new SqliteDocumentStore(
        new SqliteDatabase(Path.Combine(Directory.CreateTempSubdirectory("iom-audit-all-").FullName, "iom.db")));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly AuditKit kit;

    public VerifyAuditChainsTests() => kit = new AuditKit(documents);

    private AuditTrail Trail => kit.Trail();

    private VerifyAuditChains Verify => kit.Verify();

    /// <summary>Ann 3 records, Bob 4, Cat 2.</summary>
    private async Task WriteChainsAsync()
    {
        foreach (var (person, count) in new[] { (Ann, 3), (Bob, 4), (Cat, 2) })
        {
            for (var i = 0; i < count; i++)
            {
                await Trail.CommitAsync(new AuditEntry(person, AuditOperation.Consultation, $"referral/r{i}",
                    new AuditActor("u1", "police", ["iom.coordinator"]), "Testing", At.AddMinutes(i), "corr-1"), [], Ct);
            }
        }
    }

    private static DocumentKey Key(string person, string id) => new(Containers.People, person, id);

    [Fact]
    public async Task Intact_chains_all_verify_and_every_record_is_counted()
    {
        await WriteChainsAsync();

        var report = await Verify.HandleAsync(Ct);

        report.Intact.ShouldBeTrue();
        report.Broken.ShouldBeEmpty();
        report.ChainsChecked.ShouldBe(3);
        report.RecordsChecked.ShouldBe(9);
    }

    [Fact]
    public async Task A_store_without_audit_records_is_intact_with_nothing_checked()
    {
        var report = await Verify.HandleAsync(Ct);

        report.Intact.ShouldBeTrue();
        report.ChainsChecked.ShouldBe(0);
        report.RecordsChecked.ShouldBe(0);
    }

    [Fact]
    public async Task An_altered_record_is_reported_for_its_person_and_the_other_chains_stay_intact()
    {
        await WriteChainsAsync();
        var record = await documents.ReadAsync<AuditRecord>(Key(Bob, AuditRecord.IdOf(2)), Ct);
        await documents.UpsertAsync(record!.Key, record.Value with { Purpose = "nothing to see here" }, Ct);

        var report = await Verify.HandleAsync(Ct);

        report.ChainsChecked.ShouldBe(3);
        var broken = report.Broken.ShouldHaveSingleItem();
        broken.PersonId.ShouldBe(Bob);
        broken.FirstBrokenSequence.ShouldBe(2);
        broken.Problem.ShouldContain("no longer match its hash");
    }

    [Fact]
    public async Task A_removed_middle_record_is_reported_for_its_person_and_the_other_chains_stay_intact()
    {
        await WriteChainsAsync();
        await documents.DeleteAsync(Key(Ann, AuditRecord.IdOf(2)), null, Ct);

        var report = await Verify.HandleAsync(Ct);

        report.ChainsChecked.ShouldBe(3);
        report.RecordsChecked.ShouldBe(8);
        var broken = report.Broken.ShouldHaveSingleItem();
        broken.PersonId.ShouldBe(Ann);
        broken.FirstBrokenSequence.ShouldBe(3);
        broken.Problem.ShouldContain("missing before this one");
    }

    [Fact]
    public async Task A_removed_last_record_is_reported_for_its_person_and_the_other_chains_stay_intact()
    {
        await WriteChainsAsync();
        await documents.DeleteAsync(Key(Cat, AuditRecord.IdOf(2)), null, Ct);

        var report = await Verify.HandleAsync(Ct);

        report.ChainsChecked.ShouldBe(3);
        var broken = report.Broken.ShouldHaveSingleItem();
        broken.PersonId.ShouldBe(Cat);
        broken.Records.ShouldBe(1);
        broken.Problem.ShouldContain("removed from the end");
    }

    [Fact]
    public async Task A_deleted_chain_head_is_reported_for_its_person_and_the_other_chains_stay_intact()
    {
        await WriteChainsAsync();
        await documents.DeleteAsync(Key(Bob, AuditChainHead.DocumentId), null, Ct);

        var report = await Verify.HandleAsync(Ct);

        report.ChainsChecked.ShouldBe(3);
        report.RecordsChecked.ShouldBe(9);
        var broken = report.Broken.ShouldHaveSingleItem();
        broken.PersonId.ShouldBe(Bob);
        broken.Records.ShouldBe(4);
        broken.Problem.ShouldContain("head is missing");
    }

    [Fact]
    public async Task A_head_whose_records_were_all_removed_is_reported()
    {
        await WriteChainsAsync();
        for (var i = 1; i <= 2; i++)
        {
            await documents.DeleteAsync(Key(Cat, AuditRecord.IdOf(i)), null, Ct);
        }

        var report = await Verify.HandleAsync(Ct);

        report.ChainsChecked.ShouldBe(3);
        report.Broken.ShouldHaveSingleItem().PersonId.ShouldBe(Cat);
    }

    [Fact]
    public async Task Several_broken_chains_are_each_reported_once_in_person_order()
    {
        await WriteChainsAsync();
        await documents.DeleteAsync(Key(Cat, AuditChainHead.DocumentId), null, Ct);
        await documents.DeleteAsync(Key(Ann, AuditRecord.IdOf(1)), null, Ct);

        var report = await Verify.HandleAsync(Ct);

        report.ChainsChecked.ShouldBe(3);
        report.Broken.Select(b => b.PersonId).ShouldBe([Ann, Cat]);
    }

    [Fact]
    public async Task More_chains_than_one_page_of_the_store_are_all_verified()
    {
        var people = Enumerable.Range(0, SqliteDocumentStore.KindPageSize + 30).Select(i => $"person-{i:D4}").ToList();
        foreach (var person in people)
        {
            await Trail.CommitAsync(new AuditEntry(person, AuditOperation.Collection, "referral/r1",
                new AuditActor("u1", "police", ["iom.referrer"]), "Testing", At, "corr-1"), [], Ct);
        }

        await documents.DeleteAsync(Key(people[^1], AuditChainHead.DocumentId), null, Ct);

        var report = await Verify.HandleAsync(Ct);

        report.ChainsChecked.ShouldBe(people.Count);
        report.RecordsChecked.ShouldBe(people.Count);
        report.Broken.ShouldHaveSingleItem().PersonId.ShouldBe(people[^1]);
    }

    [Fact]
    public async Task A_record_appended_while_a_chain_is_being_read_is_not_taken_for_tampering()
    {
        await WriteChainsAsync();
        // Between the verification's read of Bob's head and of his records, someone reads Bob's referral.
        var appending = new AppendOnceStore(documents, Bob, () => Trail.CommitAsync(new AuditEntry(Bob, AuditOperation.Consultation, "referral/r9",
            new AuditActor("u2", "police", ["iom.coordinator"]), "Testing", At, "corr-2"), [], Ct));

        var report = await kit.Verify(appending).HandleAsync(Ct);

        appending.Appended.ShouldBeTrue();
        report.Broken.ShouldBeEmpty();
        report.RecordsChecked.ShouldBe(10);
    }

    /// <summary>The real store, except that the first read of one person's records is preceded by an append to them.</summary>
    private sealed class AppendOnceStore(IDocumentStore inner, string person, Func<Task> append) : DelegatingDocumentStore(inner)
    {
        public bool Appended { get; private set; }

        public override async IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(
            string container, string partition, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (partition == person && typeof(T) == typeof(AuditRecord) && !Appended)
            {
                Appended = true;
                await append();
            }

            await foreach (var document in Inner.ReadPartitionAsync<T>(container, partition, cancellationToken))
            {
                yield return document;
            }
        }
    }
}
