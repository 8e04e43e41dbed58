using Iom.Adapters.Sqlite;
using Iom.Application.Errors;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Releases;
using Iom.Application.Tests.Referrals;
using Iom.Domain.Releases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Releases;

/// <summary>A release notification is recorded once, with the outbox entry that starts its processing, whatever repeats.</summary>
public sealed class RecordReleaseNotificationTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-release-intake-").FullName, "iom.db"));
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => database.Dispose();

    public static ReleaseReport Report(string eventId = "swi-000123", ReleaseSource source = ReleaseSource.Prison, string prison = "SWI") => new(
        source, eventId, prison, "A8513EA", "2012/0052494Q", null, "Darren", "Quenby", new DateOnly(1994, 3, 2), ReleaseReason.Released,
        new DateOnly(2026, 12, 14), DateTimeOffset.Parse("2026-12-14T08:30:00+00:00", System.Globalization.CultureInfo.InvariantCulture), null, null);

    private RecordReleaseNotification Intake(IDocumentStore documents) =>
        new(documents, Submissions.Nudges(documents, time), time, NullLogger<RecordReleaseNotification>.Instance);

    [Fact]
    public async Task A_notification_is_stored_with_one_outbox_entry_naming_it_for_matching()
    {
        var documents = new SqliteDocumentStore(database);

        var receipt = await Intake(documents).RecordAsync(Report(), "swi-2026-1", Ct);

        receipt.Recorded.ShouldBeTrue();
        receipt.Id.ShouldStartWith(ReleaseNotifications.IdPrefix);
        var stored = (await documents.ReadAsync<ReleaseNotification>(ReleaseNotifications.KeyOf(receipt.Id), Ct)).ShouldNotBeNull().Value;
        stored.Report.ShouldBe(Report());
        stored.ReceivedFrom.ShouldBe("swi-2026-1");
        var entries = await documents.ReadPartitionAsync<OutboxEntry>(Containers.Identities, receipt.Id, Ct).ToListAsync(Ct);
        entries.ShouldHaveSingleItem().Value.Queue.ShouldBe(ReleaseQueues.Notifications);
        entries[0].Value.Message.ShouldContain(receipt.Id);
    }

    [Fact]
    public async Task The_same_event_sent_ten_times_at_once_is_recorded_once_and_every_sender_gets_the_same_id()
    {
        var documents = new SqliteDocumentStore(database);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Intake(documents).RecordAsync(Report(), "swi-2026-1", Ct)));

        receipts.Select(r => r.Id).Distinct().ShouldHaveSingleItem();
        receipts.Count(r => r.Recorded).ShouldBe(1);
        (await documents.ReadPartitionAsync<OutboxEntry>(Containers.Identities, receipts[0].Id, Ct).CountAsync(Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_event_id_from_another_prison_or_another_door_is_another_notification()
    {
        var documents = new SqliteDocumentStore(database);

        var first = await Intake(documents).RecordAsync(Report(), "swi-2026-1", Ct);
        var otherPrison = await Intake(documents).RecordAsync(Report(prison: "DHI"), "dhi-2026-1", Ct);
        var otherDoor = await Intake(documents).RecordAsync(Report(source: ReleaseSource.Form), "oid-1", Ct);

        new[] { first.Id, otherPrison.Id, otherDoor.Id }.Distinct().Count().ShouldBe(3);
        otherPrison.Recorded.ShouldBeTrue();
        otherDoor.Recorded.ShouldBeTrue();
    }

    [Fact]
    public async Task A_commit_that_timed_out_but_landed_is_answered_as_recorded_and_not_undone()
    {
        var documents = new SqliteDocumentStore(database);

        var receipt = await Intake(new FailingCommitStore(documents, appliedAnyway: true)).RecordAsync(Report(), "swi-2026-1", Ct);

        (await documents.ReadAsync<ReleaseNotification>(ReleaseNotifications.KeyOf(receipt.Id), Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_commit_that_failed_and_cannot_be_read_back_is_an_unknown_outcome_not_a_refusal()
    {
        var documents = new SqliteDocumentStore(database);

        await Should.ThrowAsync<OutcomeUnknownException>(() =>
            Intake(new FailingCommitStore(documents, appliedAnyway: true, goneAfterCommit: true)).RecordAsync(Report(), "swi-2026-1", Ct));
    }

    [Fact]
    public async Task A_commit_that_failed_and_did_not_land_rethrows_and_stores_nothing()
    {
        var documents = new SqliteDocumentStore(database);

        await Should.ThrowAsync<IOException>(() => Intake(new FailingCommitStore(documents)).RecordAsync(Report(), "swi-2026-1", Ct));

        (await documents.ReadAsync<ReleaseNotification>(ReleaseNotifications.KeyOf(ReleaseNotifications.IdFor(Report())), Ct)).ShouldBeNull();
    }
}
