using System.Text.Json;
using Iom.Adapters.Sqlite;
using Iom.Application.Audit;
using Iom.Application.Mail;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Mail;

public sealed class SendQueuedMailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly IDocumentStore documents = new SqliteDocumentStore(
        new SqliteDatabase(Path.Combine(Directory.CreateTempSubdirectory("iom-mail-").FullName, "iom.db")));

    private readonly RecordingMailSender provider = new();

    private readonly Audit.AuditKit kit;

    public SendQueuedMailTests() => kit = new Audit.AuditKit(documents);

    // Development's allow-list: the secure domains and the demo's *.example.
    private static SecureMailDomains Domains(bool development = true) =>
        new(Options.Create(new MailOptions { AllowExampleDomains = development }));

    private readonly ModelEchoRenderer templates = new();

    /// <summary>A queued request whose (test) template renders to the given subject, text and HTML.</summary>
    private static MailRequest Request(string key, IReadOnlyList<MailAddress> to, string subject, string text, string html, MailDisclosure? discloses) =>
        new(key, "Mail/Test/notice", new Dictionary<string, string?> { ["subject"] = subject, ["text"] = text, ["html"] = html }, to, discloses);

    private SendQueuedMail Handler(bool development = true, ILogger<OnceOnlyMail>? logger = null) => new(new OnceOnlyMail(documents, kit.Trail(), provider, Domains(development), new FakeTimeProvider(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), logger ?? NullLogger<OnceOnlyMail>.Instance), templates);

    private static string Queued(string key) => JsonSerializer.Serialize(
        Request(key, [new MailAddress("coordinator@richmond.gov.uk")], "Referral IOM-2026-0001 received", "Sign in to read it.", "<p>Sign in to read it.</p>", null),
        DocumentJson.Options);

    [Fact]
    public async Task A_queued_message_is_handed_to_the_provider_with_its_text_and_html_bodies_and_recorded()
    {
        await Handler().HandleAsync(Queued("ack:ref-1:referrer"), Ct);

        provider.Sent.Select(m => (m.IdempotencyKey, m.TextBody, m.HtmlBody)).ShouldBe([("ack:ref-1:referrer", "Sign in to read it.", "<p>Sign in to read it.</p>")]);
        (await documents.ReadAsync<MailSentRecord>(OnceOnlyMail.LedgerKey("ack:ref-1:referrer"), Ct))!.Value.Recipients.ShouldBe(1);
        (await documents.ReadAsync<MailSendingRecord>(OnceOnlyMail.AttemptKey(OnceOnlyMail.LedgerKey("ack:ref-1:referrer")), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task A_redelivered_message_is_not_sent_twice()
    {
        await Handler().HandleAsync(Queued("ack:ref-2:referrer"), Ct);
        await Handler().HandleAsync(Queued("ack:ref-2:referrer"), Ct);

        provider.Sent.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_message_the_provider_refused_is_not_recorded_so_the_retry_sends_it()
    {
        provider.FailNext = true;
        await Should.ThrowAsync<MailDeliveryException>(() => Handler().HandleAsync(Queued("ack:ref-3:referrer"), Ct));
        (await documents.ReadAsync<MailSentRecord>(OnceOnlyMail.LedgerKey("ack:ref-3:referrer"), Ct)).ShouldBeNull();

        await Handler().HandleAsync(Queued("ack:ref-3:referrer"), Ct);

        provider.Sent.Select(m => m.IdempotencyKey).ShouldBe(["ack:ref-3:referrer"]);
    }

    [Fact]
    public async Task Keys_with_characters_not_allowed_in_document_ids_still_get_a_ledger_entry()
    {
        await Handler().HandleAsync(Queued("minutes/IOM#2026-12?to=a\\b"), Ct);

        OnceOnlyMail.LedgerKey("minutes/IOM#2026-12?to=a\\b").Id.ShouldMatch("^[0-9a-f]{64}$");
        (await documents.ReadAsync<MailSentRecord>(OnceOnlyMail.LedgerKey("minutes/IOM#2026-12?to=a\\b"), Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_queued_message_that_is_not_json_fails_so_it_ends_in_the_poison_queue()
    {
        await Should.ThrowAsync<JsonException>(() => Handler().HandleAsync("not json", Ct));

        provider.Sent.ShouldBeEmpty();
    }

    private const string Person = "0123456789abcdef0123456789abcdef";

    private static readonly MailAddress[] Recipients = [new("referrer@police.example"), new("coordinator@richmond.gov.uk")];

    private static string Disclosing(string key) => JsonSerializer.Serialize(
        Request(key, Recipients, "Referral IOM-2026-0001 received", "Sign in to read it.", "<p>Sign in to read it.</p>",
            MailDisclosure.About(Person, "referral/r1/acknowledgement", "Referral management: acknowledging a referral", "corr-7")),
        DocumentJson.Options);

    private async Task<List<AuditRecord>> DisclosuresAsync() =>
        (await kit.Trail().ReadAsync(Person, Ct)).Where(r => r.Operation == AuditOperation.Disclosure).ToList();

    [Fact]
    public async Task A_message_about_a_person_is_audited_as_a_disclosure_to_every_recipient_before_it_leaves()
    {
        List<AuditRecord>? auditedWhenSent = null;
        provider.OnSend = async () => auditedWhenSent = await DisclosuresAsync();

        await Handler().HandleAsync(Disclosing("ack:r1"), Ct);

        auditedWhenSent.ShouldNotBeNull().Count.ShouldBe(1);
        var record = auditedWhenSent[0];
        record.Recipients.ShouldBe(Recipients.Select(r => r.Email));
        (record.Subject, record.Purpose, record.CorrelationId, record.Actor.UserId)
            .ShouldBe(("referral/r1/acknowledgement", "Referral management: acknowledging a referral", "corr-7", "system:mail"));
    }

    [Fact]
    public async Task A_disclosing_message_retried_after_the_provider_failed_and_then_redelivered_is_audited_once()
    {
        provider.FailNext = true;
        await Should.ThrowAsync<MailDeliveryException>(() => Handler().HandleAsync(Disclosing("ack:r2"), Ct));
        (await DisclosuresAsync()).Count.ShouldBe(1);

        await Handler().HandleAsync(Disclosing("ack:r2"), Ct);
        await Handler().HandleAsync(Disclosing("ack:r2"), Ct);

        provider.Sent.Count.ShouldBe(1);
        (await DisclosuresAsync()).Count.ShouldBe(1);
        (await kit.Trail().VerifyAsync(Person, Ct)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task A_disclosure_that_cannot_be_audited_is_not_sent()
    {
        var failing = new FailingCommitStore(documents);
        var handler = new SendQueuedMail(new OnceOnlyMail(failing, kit.Trail(failing), provider, Domains(), TimeProvider.System, NullLogger<OnceOnlyMail>.Instance), templates);

        await Should.ThrowAsync<IOException>(() => handler.HandleAsync(Disclosing("ack:r3"), Ct));

        provider.Sent.ShouldBeEmpty();
        (await DisclosuresAsync()).ShouldBeEmpty();
    }

    private const string OtherPerson = "fedcba9876543210fedcba9876543210";

    private static string DisclosingAboutBoth(string key) => JsonSerializer.Serialize(
        Request(key, Recipients, "Minutes of the IOM panel", "Sign in to read them.", "<p>Sign in to read them.</p>",
            new MailDisclosure([Person, OtherPerson], "meeting/iom/2026-12-08/minutes", "Panel management: circulating minutes", "corr-9")),
        DocumentJson.Options);

    private async Task<List<AuditRecord>> DisclosuresAsync(string person) =>
        (await kit.Trail().ReadAsync(person, Ct)).Where(r => r.Operation == AuditOperation.Disclosure).ToList();

    [Fact]
    public async Task A_message_about_several_people_is_audited_in_each_persons_chain_under_one_disclosure_id_naming_every_recipient_and_no_other_person()
    {
        await Handler().HandleAsync(DisclosingAboutBoth("minutes:iom:2026-12-08"), Ct);

        var first = (await DisclosuresAsync(Person)).ShouldHaveSingleItem();
        var second = (await DisclosuresAsync(OtherPerson)).ShouldHaveSingleItem();
        foreach (var (record, person) in new[] { (first, Person), (second, OtherPerson) })
        {
            (record.PersonId, record.DisclosureId, record.DisclosurePeople, record.Subject)
                .ShouldBe((person, "minutes:iom:2026-12-08", 2, "meeting/iom/2026-12-08/minutes"));
            record.Recipients.ShouldBe(Recipients.Select(r => r.Email));
            (await kit.Trail().VerifyAsync(person, Ct)).Intact.ShouldBeTrue();
        }

        // A person's log is theirs on a subject-access request: it must not name the other person.
        System.Text.Json.JsonSerializer.Serialize(first, DocumentJson.Options).ShouldNotContain(OtherPerson);
        System.Text.Json.JsonSerializer.Serialize(second, DocumentJson.Options).ShouldNotContain(Person);
        provider.Sent.ShouldHaveSingleItem().To.Select(t => t.Email).ShouldBe(Recipients.Select(r => r.Email));
    }

    [Fact]
    public async Task A_delivery_that_stopped_after_auditing_one_person_audits_only_the_rest_when_redelivered_and_sends_once()
    {
        var stopping = new StoppingStore(documents) { StopAtCommitTo = OtherPerson };
        var handler = new SendQueuedMail(new OnceOnlyMail(stopping, kit.Trail(stopping), provider, Domains(), TimeProvider.System, NullLogger<OnceOnlyMail>.Instance), templates);

        await Should.ThrowAsync<IOException>(() => handler.HandleAsync(DisclosingAboutBoth("minutes:asb:2026-12-08"), Ct));
        provider.Sent.ShouldBeEmpty();
        (await DisclosuresAsync(Person)).Count.ShouldBe(1);
        (await DisclosuresAsync(OtherPerson)).ShouldBeEmpty();

        await handler.HandleAsync(DisclosingAboutBoth("minutes:asb:2026-12-08"), Ct);
        await handler.HandleAsync(DisclosingAboutBoth("minutes:asb:2026-12-08"), Ct);

        provider.Sent.Count.ShouldBe(1);
        (await DisclosuresAsync(Person)).Count.ShouldBe(1);
        (await DisclosuresAsync(OtherPerson)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_delivery_that_stopped_after_the_provider_took_the_message_is_sent_once_more_when_redelivered_never_lost_and_recorded_as_unconfirmed()
    {
        var stopping = new StoppingStore(documents) { StopAtSentRecord = true };
        var handler = new SendQueuedMail(new OnceOnlyMail(stopping, kit.Trail(stopping), provider, Domains(), TimeProvider.System, NullLogger<OnceOnlyMail>.Instance), templates);

        await Should.ThrowAsync<IOException>(() => handler.HandleAsync(Disclosing("ack:r6"), Ct));
        provider.Sent.Count.ShouldBe(1);
        (await documents.ReadAsync<MailSentRecord>(OnceOnlyMail.LedgerKey("ack:r6"), Ct)).ShouldBeNull();

        await handler.HandleAsync(Disclosing("ack:r6"), Ct);
        await handler.HandleAsync(Disclosing("ack:r6"), Ct);

        // The first may or may not have left; one more copy, then the ledger answers every later redelivery.
        provider.Sent.Count.ShouldBe(2);
        (await documents.ReadAsync<MailSentRecord>(OnceOnlyMail.LedgerKey("ack:r6"), Ct))!.Value.Unconfirmed.ShouldBe(true);
        (await DisclosuresAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_queued_request_is_rendered_from_its_named_template_and_model_at_sending()
    {
        await Handler().HandleAsync(Queued("ack:r7"), Ct);

        templates.Rendered.ShouldBe(["Mail/Test/notice"]);
        provider.Sent.ShouldHaveSingleItem().Subject.ShouldBe("Referral IOM-2026-0001 received");
    }

    [Fact]
    public async Task A_queued_request_without_recipients_or_template_fails_so_it_ends_in_the_poison_queue()
    {
        await Should.ThrowAsync<JsonException>(() => Handler().HandleAsync("""{"id":"ack:r8","model":{},"to":[]}""", Ct));
        await Should.ThrowAsync<JsonException>(() => Handler().HandleAsync("""{"id":"ack:r8","template":"Mail/Test/notice","model":{}}""", Ct));

        provider.Sent.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("anyone@external.example", false)] // the demo domain, outside Development
    [InlineData("someone@gmail.com", true)]
    [InlineData("coordinator@richmond.gov.uk.attacker.com", true)]
    public async Task A_message_with_any_recipient_outside_the_secure_domains_is_sent_to_nobody_audited_for_nobody_and_logged_without_the_address(string outsider, bool development)
    {
        var log = new ListLogger();
        var queued = JsonSerializer.Serialize(Request("ack:r4", [new MailAddress("coordinator@richmond.gov.uk"), new MailAddress(outsider)], "Referral IOM-2026-0001 received", "Sign in to read it.", "<p>Sign in to read it.</p>",
            MailDisclosure.About(Person, "referral/r4/acknowledgement", "Referral management: acknowledging a referral", "corr-8")), DocumentJson.Options);

        await Handler(development, log).HandleAsync(queued, Ct);

        provider.Sent.ShouldBeEmpty();
        (await DisclosuresAsync()).ShouldBeEmpty();
        (await documents.ReadAsync<MailSentRecord>(OnceOnlyMail.LedgerKey("ack:r4"), Ct)).ShouldBeNull();
        var warning = log.Entries.ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldContain("outside the secure domains");
        warning.Message.ShouldNotContain(outsider.Split('@')[0]);
        warning.Message.ShouldNotContain(outsider.Split('@')[1]);
    }

    [Fact]
    public async Task A_message_to_the_demo_domain_is_sent_in_Development()
    {
        await Handler(development: true).HandleAsync(JsonSerializer.Serialize(
            Request("ack:r5", [new MailAddress("iom.coordinator@richmond-iom.example")], "Referral received", "Sign in to read it.", "<p>Sign in to read it.</p>", null),
            DocumentJson.Options), Ct);

        provider.Sent.Select(m => m.IdempotencyKey).ShouldBe(["ack:r5"]);
    }

    private sealed class ListLogger : ILogger<OnceOnlyMail>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }

    /// <summary>The mail port as the provider would see it: what was handed over, and a refusal on demand.</summary>
    private sealed class RecordingMailSender : IMailSender
    {
        public List<MailMessage> Sent { get; } = [];

        public bool FailNext { get; set; }

        public Func<Task>? OnSend { get; set; }

        public async Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
        {
            if (OnSend is not null)
            {
                await OnSend();
            }

            if (FailNext)
            {
                FailNext = false;
                throw new MailDeliveryException("503 from the provider");
            }

            Sent.Add(message);
        }
    }
}
