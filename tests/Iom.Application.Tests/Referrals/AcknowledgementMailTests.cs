using System.Text.Json;
using Iom.Adapters.Local.Mail;
using Iom.Adapters.Sqlite;
using Iom.Application.Audit;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Events;
using Iom.Application.Ports.Mail;
using Iom.Application.Referrals;
using Iom.Application.Referrals.Acknowledge;
using Iom.Application.Tests.Mail;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Referrals;

/// <summary>The acknowledgement takes the one mail path: mail requests committed as outbox entries, sent by the mail function.</summary>
public sealed class AcknowledgementMailTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-ack-").FullName, "iom.db"));

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private readonly string outboxFolder = Directory.CreateTempSubdirectory("iom-ack-eml-").FullName;

    public void Dispose() => database.Dispose();

    private SqliteDocumentStore Documents => new(database);

    private SqliteQueue Queue => new(database, time);

    private AcknowledgeReferral Acknowledge(IDocumentStore documents) => new(
        documents, new OutboxRelay(documents, Queue, time, NullLogger<OutboxRelay>.Instance), new DiscardingEvents(),
        new PanelDirectory(Options.Create(new PanelsOptions
        {
            Panels = { ["iom"] = new PanelOptions { Name = "IOM Panel", CoordinatorEmail = "iom.coordinator@richmond.gov.uk" } },
        })),
        Options.Create(new AppOptions { PublicBaseUrl = new Uri("https://iom.richmond.gov.uk") }), time, NullLogger<AcknowledgeReferral>.Instance);

    private async Task<List<string>> TakeAsync(string queue)
    {
        var messages = await Queue.ReceiveAsync(queue, 32, TimeSpan.FromMinutes(5), Ct);
        foreach (var message in messages)
        {
            await Queue.CompleteAsync(queue, message, Ct);
        }

        return messages.Select(m => m.Body).ToList();
    }

    [Fact]
    public async Task An_acknowledgement_delivered_twice_reaches_the_mail_queue_as_a_request_without_personal_data_and_is_sent_and_audited_once()
    {
        var documents = Documents;
        var kit = new Audit.AuditKit(documents);
        var nudges = Submissions.Nudges(documents, time, Queue);
        var result = await Submissions.Handler(documents, time, kit: kit, nudges: nudges).HandleAsync(Submissions.Referral(), Submissions.Referrer("police"), Ct);
        await nudges.DispatchPendingAsync(Ct); // what the in-process relay does after the answer
        var acknowledgement = (await TakeAsync(ReferralQueues.Acknowledgements)).ShouldHaveSingleItem();

        // Redelivered after the first delivery's mail entry was relayed and deleted: the request is queued again.
        await Acknowledge(documents).HandleAsync(acknowledgement, Ct);
        await Acknowledge(documents).HandleAsync(acknowledgement, Ct);
        // Acknowledged means stored: the referral's claims are no longer provisional (ProvisionalClaimTests).
        var stored = (await documents.FindAsync(result.Id, Ct)).ShouldNotBeNull().Value;
        foreach (var id in stored.MatchKeys.Select(Iom.Domain.Referrals.PersonMatchKeys.ToDocumentId))
        {
            (await documents.ReadAsync<IdentityClaim>(new DocumentKey(Containers.Identities, id, id), Ct)).ShouldNotBeNull().Value.Provisional.ShouldBeNull();
        }

        var requests = await TakeAsync(OutgoingMail.QueueName);

        requests.Count.ShouldBe(2);
        foreach (var request in requests)
        {
            request.ShouldContain(AcknowledgeReferral.AcknowledgementTemplate);
            request.ShouldContain(result.Reference);
            // A bounce or drop of the acknowledgement is reported to the panel's co-ordinator (MailDeliveries).
            JsonSerializer.Deserialize<MailRequest>(request, DocumentJson.Options)!.ReportFailuresTo.ShouldBe(new MailAddress("iom.coordinator@richmond.gov.uk"));
            foreach (var personal in new[] { "Darren", "Quenby", "1994-03-02" })
            {
                request.ShouldNotContain(personal);
            }
        }

        var mail = new SendQueuedMail(new OnceOnlyMail(documents, kit.Trail(documents),
            new OutboxFolderMailSender(Options.Create(new OutboxOptions { Directory = outboxFolder }), time),
            new SecureMailDomains(Options.Create(new MailOptions())), time, NullLogger<OnceOnlyMail>.Instance), new ModelEchoRenderer());
        foreach (var request in requests)
        {
            await mail.HandleAsync(request, Ct);
        }

        Directory.GetFiles(outboxFolder, "*.eml").Length.ShouldBe(1);
        var referral = (await documents.FindAsync(result.Id, Ct)).ShouldNotBeNull().Value;
        (await kit.Trail().ReadAsync(referral.PersonId, Ct))
            .Where(r => r.Operation == AuditOperation.Disclosure).ShouldHaveSingleItem()
            .Subject.ShouldBe($"referral/{result.Id}/acknowledgement");
        await foreach (var _ in documents.ReadKindAsync<OutboxEntry>(Containers.People, Ct))
        {
            throw new ShouldAssertException("An outbox entry was left undispatched.");
        }
    }

    private sealed class DiscardingEvents : IIntegrationEventPublisher
    {
        public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
