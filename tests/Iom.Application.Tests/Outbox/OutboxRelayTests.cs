using System.Text.Json;
using Iom.Adapters.Sqlite;
using Iom.Application.Audit;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Outbox;

public sealed class OutboxRelayTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Person = "0123456789abcdef0123456789abcdef";

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-outbox-").FullName, "iom.db"));

    public void Dispose() => database.Dispose();

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private SqliteDocumentStore Documents => new(database);

    private readonly Audit.AuditKit kit;

    public OutboxRelayTests() => kit = new Audit.AuditKit(Documents);

    private SqliteQueue Queue => new(database, time);

    private OutboxRelay Relay(IDocumentStore documents) => new(documents, Queue, time, NullLogger<OutboxRelay>.Instance);

    /// <summary>An e-mail committed as an outbox entry in a person's partition, as any flow would beside its change.</summary>
    private async Task<OutboxEntry> CommitMailEntryAsync(string name)
    {
        var mail = new MailRequest($"test-mail:{name}", "Mail/Test/notice",
            new Dictionary<string, string?> { ["subject"] = "A referral was received", ["text"] = "Sign in to read it.", ["html"] = "<p>Sign in to read it.</p>" },
            [new MailAddress("coordinator@richmond.gov.uk")],
            MailDisclosure.About(Person, $"referral/{name}/notice", "Testing the outbox", "corr-1"));
        var entry = OutboxEntry.For(name, OutgoingMail.QueueName, mail, time.GetUtcNow());
        await Documents.CommitAsync(Containers.People, Person, [entry.Write()], Ct);
        return entry;
    }

    /// <summary>Delivers every queued mail message to the once-only sender, as the queue trigger would.</summary>
    private async Task<List<MailMessage>> DeliverMailAsync()
    {
        var provider = new RecordingMailSender();
        var documents = Documents;
        var handler = new SendQueuedMail(new OnceOnlyMail(documents, kit.Trail(documents), provider,
            new SecureMailDomains(Options.Create(new MailOptions())), time, NullLogger<OnceOnlyMail>.Instance), new Mail.ModelEchoRenderer());
        foreach (var message in await Queue.ReceiveAsync(OutgoingMail.QueueName, 32, TimeSpan.FromMinutes(5), Ct))
        {
            await handler.HandleAsync(message.Body, Ct);
            await Queue.CompleteAsync(OutgoingMail.QueueName, message, Ct);
        }

        return provider.Sent;
    }

    [Fact]
    public async Task A_relay_that_dies_between_sending_and_deleting_sends_again_on_its_next_pass_and_the_mail_still_goes_once()
    {
        var entry = await CommitMailEntryAsync("dies-mid-dispatch");

        // The nudge sends the message, then the process dies before the entry is deleted.
        await Relay(new DyingOnDeleteStore(Documents)).NudgeAsync(Containers.People, Person, [entry], Ct);
        (await Documents.ReadAsync<OutboxEntry>(new DocumentKey(Containers.People, Person, entry.Id), Ct)).ShouldNotBeNull();
        time.Advance(OutboxRelay.SweepAge);
        (await Relay(Documents).SweepAsync(OutboxRelay.SweepAge, Ct)).ShouldBe(1);

        var sent = await DeliverMailAsync();

        sent.ShouldHaveSingleItem().IdempotencyKey.ShouldBe("test-mail:dies-mid-dispatch");
        (await Documents.ReadAsync<OutboxEntry>(new DocumentKey(Containers.People, Person, entry.Id), Ct)).ShouldBeNull();
        var disclosures = (await kit.Trail().ReadAsync(Person, Ct)).Where(r => r.Operation == AuditOperation.Disclosure);
        disclosures.ShouldHaveSingleItem().Recipients.ShouldBe(["coordinator@richmond.gov.uk"]);
    }

    [Fact]
    public async Task The_sweep_leaves_entries_younger_than_a_minute_to_their_writers_nudge_and_dispatches_older_ones()
    {
        var entry = await CommitMailEntryAsync("young");

        (await Relay(Documents).SweepAsync(OutboxRelay.SweepAge, Ct)).ShouldBe(0);
        (await Documents.ReadAsync<OutboxEntry>(new DocumentKey(Containers.People, Person, entry.Id), Ct)).ShouldNotBeNull();

        time.Advance(OutboxRelay.SweepAge);
        (await Relay(Documents).SweepAsync(OutboxRelay.SweepAge, Ct)).ShouldBe(1);
        (await DeliverMailAsync()).ShouldHaveSingleItem().IdempotencyKey.ShouldBe("test-mail:young");
    }

    [Fact]
    public void An_outbox_entry_carries_its_message_as_the_documents_json()
    {
        var entry = OutboxEntry.For("x", "some-queue", new { ReferralId = "r1" }, time.GetUtcNow());

        entry.Id.ShouldBe("outbox-x");
        JsonDocument.Parse(entry.Message).RootElement.GetProperty("referralId").GetString().ShouldBe("r1");
    }

    /// <summary>The real store, except that deleting fails as a process stopping at that moment would.</summary>
    private sealed class DyingOnDeleteStore(IDocumentStore inner) : DelegatingDocumentStore(inner)
    {
        public override Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default) => throw new OperationCanceledException("The process stopped.");
    }

    private sealed class RecordingMailSender : IMailSender
    {
        public List<MailMessage> Sent { get; } = [];

        public Task SendAsync(MailMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
