using Iom.Application.Audit;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Releases;
using Iom.Application.Releases.Custody;
using Iom.Domain.Releases;

namespace Iom.Application.Tests.Releases;

/// <summary>A matched notification changes the person's custody record once, with its alert or reminders in the same commit.</summary>
public sealed class ApplyReleaseToCustodyTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly CustodyKit kit = new();

    public void Dispose() => kit.Dispose();

    public static TheoryData<ReleaseReason, int, ReleaseAlertKind?, bool> Reasons => new()
    {
        { ReleaseReason.Released, 0, ReleaseAlertKind.Released, false },
        { ReleaseReason.Released, 20, null, true },
        { ReleaseReason.ReleasedToHospital, -1, ReleaseAlertKind.ReleasedToHospital, false },
        { ReleaseReason.ReleasedToHospital, 40, null, true },
        { ReleaseReason.Transferred, 0, ReleaseAlertKind.Transferred, false },
        { ReleaseReason.TemporaryAbsenceRelease, 0, null, false },
        { ReleaseReason.SentToCourt, 0, null, false },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public async Task Each_reason_changes_the_record_with_its_audit_record_and_its_alert_or_reminders_as_outbox_entries(
        ReleaseReason reason, int days, ReleaseAlertKind? alert, bool reminders)
    {
        var id = await kit.NotifyAsync("swi-1", reason, kit.Today.AddDays(days));

        (await kit.ApplyAsync(id)).ShouldBe(reason is ReleaseReason.TemporaryAbsenceRelease or ReleaseReason.SentToCourt ? CustodyOutcome.RecordedOnly : CustodyOutcome.Applied);

        var record = (await kit.RecordAsync()).ShouldNotBeNull();
        record.History.ShouldHaveSingleItem().NotificationId.ShouldBe(id);
        (await kit.Documents.ReadAsync<CustodyEvent>(CustodyDocuments.EventOf(CustodyKit.Person, id), Ct)).ShouldNotBeNull();
        var audit = await kit.Audit.Trail().ReadAsync(CustodyKit.Person, Ct);
        audit.ShouldHaveSingleItem().Operation.ShouldBe(AuditOperation.Alteration);
        audit[0].CorrelationId.ShouldBe(id);

        var alerts = await kit.AlertsAsync();
        if (alert is { } kind)
        {
            alerts.ShouldHaveSingleItem().ShouldBe(new ReleaseAlertDue($"alert-{id}", CustodyKit.Person, id, kind, kit.Today.AddDays(days), kit.Time.GetUtcNow())
            {
                CorrelationId = id,
            });
        }
        else
        {
            alerts.ShouldBeEmpty();
        }

        var scheduled = await kit.DrainAsync(CustodyQueues.Reminders);
        scheduled.Count.ShouldBe(reminders ? 1 : 0);
    }

    [Fact]
    public async Task A_redelivered_or_concurrently_duplicated_ApplyReleaseToPerson_raises_nothing_new()
    {
        var id = await kit.NotifyAsync("swi-1", ReleaseReason.Released, kit.Today);

        await kit.Custody().HandleAsync(CustodyKit.Message(id), Ct);
        var first = await kit.AlertsAsync();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => kit.Custody().HandleAsync(CustodyKit.Message(id), Ct)));

        first.ShouldHaveSingleItem().AlertId.ShouldBe($"alert-{id}");
        (await kit.AlertsAsync()).ShouldBeEmpty();
        (await kit.Audit.Trail().ReadAsync(CustodyKit.Person, Ct)).Count.ShouldBe(1);
        (await kit.ApplyAsync(id)).ShouldBe(CustodyOutcome.AlreadyApplied);
    }

    [Fact]
    public async Task Ten_copies_of_a_release_delivered_at_once_raise_one_alert()
    {
        var id = await kit.NotifyAsync("swi-1", ReleaseReason.Released, kit.Today);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => kit.ApplyAsync(id)));

        outcomes.Count(o => o == CustodyOutcome.Applied).ShouldBe(1);
        (await kit.AlertsAsync()).ShouldHaveSingleItem();
        (await kit.RecordAsync()).ShouldNotBeNull().History.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Different_notifications_for_one_person_at_once_are_all_applied_each_to_the_record_as_it_then_stands()
    {
        var at = kit.Time.GetUtcNow();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await kit.NotifyAsync($"swi-{i}", ReleaseReason.SentToCourt, kit.Today, at.AddMinutes(-i)));
        }

        await Task.WhenAll(ids.Select(id => kit.ApplyAsync(id)));

        (await kit.RecordAsync()).ShouldNotBeNull().History.Select(e => e.NotificationId).Order().ShouldBe(ids.Order());
        (await kit.Audit.Trail().ReadAsync(CustodyKit.Person, Ct)).Count.ShouldBe(5);
    }

    [Fact]
    public async Task A_late_older_event_does_not_undo_a_newer_one_and_raises_no_alert()
    {
        var now = kit.Time.GetUtcNow();
        var released = await kit.NotifyAsync("swi-2", ReleaseReason.Released, kit.Today, now);
        var olderTransfer = await kit.NotifyAsync("swi-1", ReleaseReason.Transferred, kit.Today.AddDays(-2), now.AddDays(-2));

        await kit.ApplyAsync(released);
        (await kit.ApplyAsync(olderTransfer)).ShouldBe(CustodyOutcome.Older);

        var record = (await kit.RecordAsync()).ShouldNotBeNull();
        record.Status.ShouldBe(CustodyStatus.Released);
        record.History.Count.ShouldBe(2);
        (await kit.AlertsAsync()).ShouldHaveSingleItem().Kind.ShouldBe(ReleaseAlertKind.Released);
    }

    [Fact]
    public async Task A_notification_that_is_not_stored_fails_so_the_message_ends_in_the_poison_queue_and_nothing_is_written()
    {
        await Should.ThrowAsync<InvalidOperationException>(() => kit.ApplyAsync("release-0123456789abcdef0123456789abcdef"));

        (await kit.RecordAsync()).ShouldBeNull();
        (await kit.Documents.ReadPartitionAsync<OutboxEntry>(Containers.People, CustodyKit.Person, Ct).CountAsync(Ct)).ShouldBe(0);
    }
}
