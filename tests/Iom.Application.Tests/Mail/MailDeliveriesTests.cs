using System.Text.Json;
using Iom.Adapters.Sqlite;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Iom.Domain.Mail;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Mail;

/// <summary>Delivery events recorded per recipient against SQLite: idempotent, out of order, one alert per failure.</summary>
public sealed class MailDeliveriesTests : IDisposable
{
    private const string MailId = "referral-acknowledgement:3f0c2a";
    private const string Coordinator = "iom.coordinator@richmond.gov.uk";
    private const string Sam = "sam.patel@met.police.uk";
    private const string Jo = "jo.khan@probation.gov.uk";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-deliveries-").FullName, "iom.db"));

    private readonly FakeTimeProvider time = new(T0);

    public void Dispose() => database.Dispose();

    private SqliteDocumentStore Documents => new(database);

    private SqliteQueue Queue => new(database, time);

    private MailDeliveries Deliveries(IDocumentStore? documents = null) =>
        new(documents ?? Documents, new OutboxRelay(documents ?? Documents, Queue, time, NullLogger<OutboxRelay>.Instance), time, NullLogger<MailDeliveries>.Instance);

    /// <summary>Sends an e-mail the way every flow does (a queued request through the one mail path).</summary>
    private async Task SendAsync(string mailId, MailAddress? reportFailuresTo, params string[] to)
    {
        var request = new MailRequest(mailId, "Mail/Test/notice", new Dictionary<string, string?> { ["subject"] = "Referral IOM-2026-0001" },
            [.. to.Select(t => new MailAddress(t))], null) { ReportFailuresTo = reportFailuresTo };
        var mail = new OnceOnlyMail(Documents, new Audit.AuditKit(Documents).Trail(), new AcceptingMailSender(),
            new SecureMailDomains(Options.Create(new MailOptions())), time, NullLogger<OnceOnlyMail>.Instance);
        await new SendQueuedMail(mail, new ModelEchoRenderer()).HandleAsync(JsonSerializer.Serialize(request, DocumentJson.Options), Ct);
    }

    private static DeliveryNotice Notice(string email, string eventId, DeliveryStatus status, int seconds, string mailId = MailId) =>
        new(mailId, email, new DeliveryEvent(eventId, status, T0.AddSeconds(seconds)));

    private async Task<List<string>> MailQueuedAsync()
    {
        var messages = await Queue.ReceiveAsync(OutgoingMail.QueueName, 32, TimeSpan.FromMinutes(5), Ct);
        foreach (var message in messages)
        {
            await Queue.CompleteAsync(OutgoingMail.QueueName, message, Ct);
        }

        return messages.Select(m => m.Body).ToList();
    }

    private async Task<List<OutboxEntry>> PendingOutboxAsync()
    {
        var entries = new List<OutboxEntry>();
        await foreach (var entry in Documents.ReadKindAsync<OutboxEntry>(Containers.Operations, Ct))
        {
            entries.Add(entry.Value);
        }

        return entries;
    }

    [Fact]
    public async Task Whom_to_tell_of_a_failure_is_kept_in_the_mail_ledger_and_a_request_queued_before_it_existed_still_reads()
    {
        await SendAsync(MailId, new MailAddress(Coordinator), Sam);

        (await Documents.ReadAsync<MailSentRecord>(OnceOnlyMail.LedgerKey(MailId), Ct))!.Value.ReportFailuresTo.ShouldBe(new MailAddress(Coordinator));
        var old = JsonSerializer.Deserialize<MailRequest>("""{"id":"x","template":"Mail/Test/notice","model":{},"to":[{"email":"a@police.uk"}]}""", DocumentJson.Options)!;
        old.ReportFailuresTo.ShouldBeNull();
    }

    [Fact]
    public async Task A_batch_records_each_recipients_latest_state_which_the_rest_of_the_app_reads_by_mail_id()
    {
        await SendAsync(MailId, new MailAddress(Coordinator), Sam, Jo);

        var receipt = await Deliveries().RecordAsync(
            [Notice(Sam, "e1", DeliveryStatus.Processed, 0), Notice(Jo, "e2", DeliveryStatus.Processed, 0), Notice(Sam, "e3", DeliveryStatus.Delivered, 4), Notice(Jo, "e4", DeliveryStatus.Deferred, 5)],
            received: 6, Ct);

        receipt.ShouldBe(new MailEventsReceipt(6, 4, 2));
        var states = await Deliveries().ForAsync(MailId, Ct);
        states.ToDictionary(s => s.Email, s => s.Status).ShouldBe(new Dictionary<string, DeliveryStatus> { [Sam] = DeliveryStatus.Delivered, [Jo] = DeliveryStatus.Deferred });
        (await Deliveries().ForAsync("some-other-mail", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_same_batch_delivered_again_changes_nothing()
    {
        await SendAsync(MailId, new MailAddress(Coordinator), Sam);
        DeliveryNotice[] batch = [Notice(Sam, "e1", DeliveryStatus.Processed, 0), Notice(Sam, "e2", DeliveryStatus.Bounced, 9)];
        await Deliveries().RecordAsync(batch, batch.Length, Ct);
        var before = await Documents.ReadAsync<RecipientDelivery>(MailDeliveries.KeyOf(MailId, Sam), Ct);
        await MailQueuedAsync();

        var again = await Deliveries().RecordAsync(batch, batch.Length, Ct);

        again.Recorded.ShouldBe(0);
        (await Documents.ReadAsync<RecipientDelivery>(MailDeliveries.KeyOf(MailId, Sam), Ct))!.ETag.ShouldBe(before!.ETag);
        (await MailQueuedAsync()).ShouldBeEmpty();
        (await PendingOutboxAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Events_arriving_out_of_order_across_batches_leave_the_latest_state_and_never_undo_a_delivery()
    {
        await SendAsync(MailId, null, Sam, Jo);

        await Deliveries().RecordAsync([Notice(Sam, "e3", DeliveryStatus.Delivered, 30), Notice(Jo, "e6", DeliveryStatus.Deferred, 60)], 2, Ct);
        await Deliveries().RecordAsync([Notice(Sam, "e2", DeliveryStatus.Deferred, 10), Notice(Sam, "e4", DeliveryStatus.Deferred, 90), Notice(Jo, "e5", DeliveryStatus.Processed, 1)], 3, Ct);

        var states = (await Deliveries().ForAsync(MailId, Ct)).ToDictionary(s => s.Email);
        states[Sam].Status.ShouldBe(DeliveryStatus.Delivered);
        states[Sam].At.ShouldBe(T0.AddSeconds(30));
        states[Jo].Status.ShouldBe(DeliveryStatus.Deferred);
        states[Jo].At.ShouldBe(T0.AddSeconds(60));
    }

    [Fact]
    public async Task Events_about_mail_this_app_never_sent_are_ignored_and_store_nothing()
    {
        var receipt = await Deliveries().RecordAsync([Notice(Sam, "e1", DeliveryStatus.Bounced, 0, mailId: "not-ours")], 1, Ct);

        receipt.ShouldBe(new MailEventsReceipt(1, 0, 1));
        (await Deliveries().ForAsync("not-ours", Ct)).ShouldBeEmpty();
        (await PendingOutboxAsync()).ShouldBeEmpty();
        (await MailQueuedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Events_that_arrive_while_the_mail_is_still_being_handed_over_are_recorded()
    {
        // The sender wrote its attempt record and SendGrid answered "processed" before the sent record was written.
        await Documents.CreateAsync(OnceOnlyMail.AttemptKey(OnceOnlyMail.LedgerKey(MailId)), new MailSendingRecord(MailId, T0) { ReportFailuresTo = new MailAddress(Coordinator) }, Ct);

        (await Deliveries().RecordAsync([Notice(Sam, "e1", DeliveryStatus.Processed, 0)], 1, Ct)).Recorded.ShouldBe(1);
    }

    [Fact]
    public async Task A_bounce_alerts_the_coordinator_named_by_the_mail_once_however_many_failures_follow()
    {
        await SendAsync(MailId, new MailAddress(Coordinator), Sam, Jo);

        await Deliveries().RecordAsync([Notice(Sam, "e1", DeliveryStatus.Processed, 0), Notice(Sam, "e2", DeliveryStatus.Bounced, 5), Notice(Jo, "e3", DeliveryStatus.Delivered, 5)], 3, Ct);
        await Deliveries().RecordAsync([Notice(Sam, "e4", DeliveryStatus.Bounced, 50)], 1, Ct);
        await Deliveries().RecordAsync([Notice(Sam, "e5", DeliveryStatus.Dropped, 70)], 1, Ct);

        var alert = JsonSerializer.Deserialize<MailRequest>((await MailQueuedAsync()).ShouldHaveSingleItem(), DocumentJson.Options)!;
        alert.Template.ShouldBe(MailDeliveries.FailureTemplate);
        alert.To.ShouldBe([new MailAddress(Coordinator)]);
        alert.Discloses.ShouldBeNull();
        alert.ReportFailuresTo.ShouldBeNull();
        // Which e-mail and which (staff) recipient, what and when: nothing about anyone the e-mail was about.
        alert.Model.ShouldBe(new Dictionary<string, string?>
        {
            ["mail"] = MailId,
            ["recipient"] = Sam,
            ["outcome"] = "bounced",
            ["at"] = "14 December 2026 at 09:00 UTC",
        });
        (await PendingOutboxAsync()).ShouldBeEmpty();
        (await Deliveries().ForAsync(MailId, Ct)).Single(s => s.Email == Sam).Status.ShouldBe(DeliveryStatus.Dropped);
    }

    [Fact]
    public async Task A_failure_of_a_mail_that_names_nobody_to_tell_is_recorded_without_an_alert()
    {
        await SendAsync(MailId, null, Sam);

        (await Deliveries().RecordAsync([Notice(Sam, "e1", DeliveryStatus.Dropped, 0)], 1, Ct)).Recorded.ShouldBe(1);

        (await MailQueuedAsync()).ShouldBeEmpty();
        (await PendingOutboxAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_batches_about_the_same_recipient_at_once_both_land()
    {
        await SendAsync(MailId, new MailAddress(Coordinator), Sam);

        // Both read no state and create it; the second's commit conflicts, so it reads again and applies its event.
        await Task.WhenAll(
            Task.Run(() => Deliveries().RecordAsync([Notice(Sam, "e1", DeliveryStatus.Delivered, 3)], 1, Ct), Ct),
            Task.Run(() => Deliveries().RecordAsync([Notice(Sam, "e2", DeliveryStatus.Processed, 1)], 1, Ct), Ct));

        var state = (await Deliveries().ForAsync(MailId, Ct)).ShouldHaveSingleItem();
        state.Status.ShouldBe(DeliveryStatus.Delivered);
        state.EventIds.Order(StringComparer.Ordinal).ShouldBe(["e1", "e2"]);
    }

    private sealed class AcceptingMailSender : IMailSender
    {
        public Task SendAsync(MailMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
