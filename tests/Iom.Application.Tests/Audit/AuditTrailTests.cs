using Iom.Adapters.Sqlite;
using Iom.Application.Audit;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests.Audit;

[DocumentKind("audit-test-change")]
public sealed record Change(string Text);

public sealed class AuditTrailTests
{
    private const string Person = "person-1";
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly IDocumentStore documents = new SqliteDocumentStore(
        new SqliteDatabase(Path.Combine(Directory.CreateTempSubdirectory("iom-audit-").FullName, "iom.db")));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AuditEntry Entry(AuditOperation operation = AuditOperation.Consultation, string subject = "referral/r1") =>
        new(Person, operation, subject, new AuditActor("u1", "police", ["iom.referrer"]), "Testing", At, "corr-1");

    private readonly AuditKit kit;

    public AuditTrailTests() => kit = new AuditKit(documents);

    private AuditTrail Trail() => kit.Trail();

    [Fact]
    public async Task A_change_and_its_audit_record_are_written_together_and_chained_from_the_start()
    {
        var record = await Trail().CommitAsync(Entry(AuditOperation.Collection), [DocumentWrite.Create("c1", new Change("a"))], Ct);

        (await documents.ReadAsync<Change>(new DocumentKey(Containers.People, Person, "c1"), Ct)).ShouldNotBeNull();
        record.Sequence.ShouldBe(1);
        record.PreviousHash.ShouldBe(AuditRecord.GenesisHash);
        record.Hash.ShouldBe(record.ComputeHash());
    }

    [Fact]
    public async Task Each_record_chains_from_the_one_before_and_the_chain_verifies()
    {
        var first = await Trail().CommitAsync(Entry(AuditOperation.Collection), [], Ct);
        var second = await Trail().CommitAsync(Entry(), [], Ct);
        var third = await Trail().CommitAsync(Entry(AuditOperation.Alteration), [], Ct);

        second.PreviousHash.ShouldBe(first.Hash);
        third.PreviousHash.ShouldBe(second.Hash);
        var verification = await Trail().VerifyAsync(Person, Ct);
        (verification.Records, verification.Intact, verification.Problem, verification.UnkeyedRecords).ShouldBe((3, true, null, 0));
        verification.LastMac.ShouldBe(third.Mac);
    }

    [Fact]
    public async Task A_failed_change_leaves_neither_the_change_nor_its_audit_record()
    {
        await documents.CreateAsync(new DocumentKey(Containers.People, Person, "taken"), new Change("first"), Ct);

        await Should.ThrowAsync<DocumentConflictException>(() =>
            Trail().CommitAsync(Entry(AuditOperation.Alteration), [DocumentWrite.Create("c2", new Change("b")), DocumentWrite.Create("taken", new Change("again"))], Ct));

        (await documents.ReadAsync<Change>(new DocumentKey(Containers.People, Person, "c2"), Ct)).ShouldBeNull();
        (await Trail().ReadAsync(Person, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_store_failure_at_commit_leaves_neither_the_change_nor_its_audit_record()
    {
        var failing = new FailingCommitStore(documents);

        await Should.ThrowAsync<IOException>(() =>
            kit.Trail(failing).CommitAsync(Entry(AuditOperation.Collection), [DocumentWrite.Create("c3", new Change("c"))], Ct));

        (await documents.ReadAsync<Change>(new DocumentKey(Containers.People, Person, "c3"), Ct)).ShouldBeNull();
        (await Trail().ReadAsync(Person, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Concurrent_records_for_one_person_all_land_in_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, AuditTrail.MaxAttempts).Select(i => Task.Run(() => Trail().CommitAsync(Entry(subject: $"referral/r{i}"), [], Ct), Ct)));

        var verification = await Trail().VerifyAsync(Person, Ct);
        verification.Intact.ShouldBeTrue(verification.Problem);
        verification.Records.ShouldBe(AuditTrail.MaxAttempts);
    }

    [Fact]
    public async Task Writers_for_one_person_in_one_instance_take_turns_so_many_more_than_the_attempts_all_land()
    {
        var recording = new OverlapRecordingStore(documents);
        var trail = kit.Trail(recording);
        var writers = AuditTrail.MaxAttempts * 8;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => trail.CommitAsync(Entry(subject: $"referral/r{i}"), [], Ct), Ct)));

        recording.MostAtOnce.ShouldBe(1);
        var verification = await Trail().VerifyAsync(Person, Ct);
        (verification.Records, verification.Intact).ShouldBe((writers, true));
    }

    [Fact]
    public async Task Writers_for_different_people_do_not_wait_for_each_other()
    {
        // Each commit waits (up to 10 s) until all four are in at once: serialised writers would never get there.
        var recording = new OverlapRecordingStore(documents, meetAt: 4);
        var trail = kit.Trail(recording);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => trail.CommitAsync(Entry() with { PersonId = $"person-{i + 10}" }, [], Ct), Ct)));

        recording.MostAtOnce.ShouldBe(4);
    }

    [Fact]
    public async Task A_writer_overtaken_on_every_attempt_gives_up_as_busy_not_as_a_conflict_and_writes_nothing()
    {
        var overtaking = new OvertakingStore(documents, kit);

        var busy = await Should.ThrowAsync<AuditChainBusyException>(() =>
            kit.Trail(overtaking).CommitAsync(Entry(AuditOperation.Alteration), [DocumentWrite.Create("c4", new Change("d"))], Ct));

        busy.InnerException.ShouldBeAssignableTo<DocumentStoreException>();
        overtaking.Overtaken.ShouldBe(AuditTrail.MaxAttempts);
        (await documents.ReadAsync<Change>(new DocumentKey(Containers.People, Person, "c4"), Ct)).ShouldBeNull();
        var verification = await Trail().VerifyAsync(Person, Ct);
        (verification.Records, verification.Intact).ShouldBe((AuditTrail.MaxAttempts, true));
    }

    /// <summary>
    /// The real store, counting how many commits run at once: each is held a moment so overlaps show, or with
    /// <c>meetAt</c> until that many are running together (at most 10 s).
    /// </summary>
    private sealed class OverlapRecordingStore(IDocumentStore inner, int meetAt = 0) : DelegatingDocumentStore(inner)
    {
        private readonly TaskCompletionSource met = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int running;
        private int mostAtOnce;

        public int MostAtOnce => Volatile.Read(ref mostAtOnce);

        public override async Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref running);
            int seen;
            while (now > (seen = Volatile.Read(ref mostAtOnce)) && Interlocked.CompareExchange(ref mostAtOnce, now, seen) != seen)
            {
            }

            try
            {
                if (meetAt > 0)
                {
                    if (now >= meetAt)
                    {
                        met.TrySetResult();
                    }

                    await Task.WhenAny(met.Task, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
                }
                else
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(2), cancellationToken);
                }

                await Inner.CommitAsync(container, partition, writes, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }
    }

    /// <summary>The real store, but another writer appends to the person's chain just before each of this writer's commits.</summary>
    private sealed class OvertakingStore(IDocumentStore inner, AuditKit kit) : DelegatingDocumentStore(inner)
    {
        public int Overtaken { get; private set; }

        public override async Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
        {
            await kit.Trail(Inner).CommitAsync(Entry(subject: $"referral/overtaker-{++Overtaken}"), [], cancellationToken);
            await Inner.CommitAsync(container, partition, writes, cancellationToken);
        }
    }

    [Fact]
    public async Task An_altered_record_breaks_the_chain_at_that_record()
    {
        await Trail().CommitAsync(Entry(AuditOperation.Collection), [], Ct);
        var second = await Trail().CommitAsync(Entry(), [], Ct);
        await Trail().CommitAsync(Entry(), [], Ct);

        await documents.UpsertAsync(new DocumentKey(Containers.People, Person, second.Id), second with { Actor = second.Actor with { UserId = "someone-else" } }, Ct);

        var verification = await Trail().VerifyAsync(Person, Ct);
        verification.Intact.ShouldBeFalse();
        verification.FirstBrokenSequence.ShouldBe(2);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_removed_record_breaks_the_chain_whether_in_the_middle_or_at_the_end(int removed)
    {
        for (var i = 0; i < 3; i++)
        {
            await Trail().CommitAsync(Entry(), [], Ct);
        }

        await documents.DeleteAsync(new DocumentKey(Containers.People, Person, AuditRecord.IdOf(removed)), null, Ct);

        (await Trail().VerifyAsync(Person, Ct)).Intact.ShouldBeFalse();
    }
}
