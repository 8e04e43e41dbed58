using Iom.Application.Panels.Membership;
using System.Globalization;
using System.Text.Json;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Panels.Actions;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Iom.Application.Tests.Panels;

public sealed class ActionReminderTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Meeting = new(2026, 11, 10);
    private const string Person = "feedfacefeedfacefeedfacefeedface";

    private readonly ActionKit kit = new("2026-12-18T06:00:00Z");
    private readonly RecordingMailSender provider = new();

    public void Dispose() => kit.Dispose();

    private ActionReminders Reminders(IDocumentStore? documents = null) => new(
        documents ?? kit.Documents,
        new OutboxRelay(documents ?? kit.Documents, kit.Queue, kit.Time, NullLogger<OutboxRelay>.Instance),
        new StoredPanelRosters(new PanelMembershipStore(documents ?? kit.Documents, new PanelMembershipSeed(kit.Panels))), kit.Panels, new WorkingDayCalendar(),
        Options.Create(new AppOptions { PublicBaseUrl = new Uri("https://iom.richmond.gov.uk") }), kit.Time);

    private SendQueuedMail Mail => new(
        new OnceOnlyMail(kit.Documents, kit.Audit.Trail(), provider, new SecureMailDomains(Options.Create(new MailOptions())), kit.Time, NullLogger<OnceOnlyMail>.Instance),
        new Mail.ModelEchoRenderer());

    /// <summary>Sends what the relay queued, as the mail queue function would, and returns the requests.</summary>
    private async Task<List<MailRequest>> DeliverQueuedAsync()
    {
        var requests = new List<MailRequest>();
        while ((await kit.Queue.ReceiveAsync(OutgoingMail.QueueName, 32, TimeSpan.FromMinutes(1), Ct)) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                requests.Add(JsonSerializer.Deserialize<MailRequest>(message.Body, DocumentJson.Options)!);
                await Mail.HandleAsync(message.Body, Ct);
                await kit.Queue.CompleteAsync(OutgoingMail.QueueName, message, Ct);
            }
        }

        return requests;
    }

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Owners_are_reminded_on_the_right_working_days_across_christmas_once_a_day_however_often_the_timer_runs()
    {
        // Due Tue 29 Dec 2026: 25 and 28 Dec are bank holidays, so the first reminder is Wed 23 Dec.
        var overChristmas = await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, D("2026-12-29"), Person);
        // Due Wed 23 Dec, owned by another member on another panel.
        var beforeChristmas = await kit.AddAsync(PanelCode.Asb, Meeting, 1, ActionKit.AsbMember, D("2026-12-23"));
        await kit.AddAsync(PanelCode.Iom, Meeting, 2, ActionKit.IomMember, D("2026-12-22"), status: PanelActionStatus.Done);
        await kit.AddAsync(PanelCode.Iom, Meeting, 3, ActionKit.IomMember, D("2027-03-01"));

        var sent = new List<(string To, DateOnly Day)>();
        var requests = new List<MailRequest>();
        for (var day = D("2026-12-18"); day <= D("2027-01-05"); day = day.AddDays(1))
        {
            kit.Time.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
            provider.Sent.Clear();
            // The timer running twice in a day (a retry, a second instance): each reminder still goes once.
            await Reminders().HandleAsync(Ct);
            await Reminders().HandleAsync(Ct);
            requests.AddRange(await DeliverQueuedAsync());
            sent.AddRange(provider.Sent.Select(m => (m.To.Single().Email, day)));
        }

        sent.Where(s => s.To == "ppo.officer@met.police.uk").Select(s => s.Day).ShouldBe(
            new[] { "2026-12-23", "2026-12-30", "2026-12-31", "2027-01-04", "2027-01-05" }.Select(D));
        sent.Where(s => s.To == "snt.sergeant@met.police.uk").Select(s => s.Day).ShouldBe(
            new[] { "2026-12-21", "2026-12-24", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-04", "2027-01-05" }.Select(D));
        sent.Count.ShouldBe(12);

        // The e-mail says the panel, the due date and a link: never the description, which may name someone.
        requests.ShouldAllBe(r => r.Template == ActionReminders.Template);
        requests.SelectMany(r => r.Model.Values).ShouldNotContain(v => v != null && (v.Contains("housing provider") || v.Contains(Person)));
        requests.First(r => r.Id.Contains(overChristmas.Id)).Model["link"].ShouldBe($"https://iom.richmond.gov.uk/api/actions/{overChristmas.Id}");
        requests.First(r => r.Id.Contains(beforeChristmas.Id)).Discloses.ShouldBeNull();
        // Each reminder about a person is a disclosure in their log, once per e-mail.
        (await kit.Audit.Trail().ReadAsync(Person, Ct)).Count(r => r.Operation == Iom.Application.Audit.AuditOperation.Disclosure).ShouldBe(5);
    }

    [Fact]
    public async Task A_run_reads_only_the_open_actions_due_within_the_reminder_window_one_query_per_panel()
    {
        kit.Time.SetUtcNow(DateTimeOffset.Parse("2026-12-21T06:00:00Z", CultureInfo.InvariantCulture));
        await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, D("2026-12-23"));
        await kit.AddAsync(PanelCode.Iom, Meeting, 2, ActionKit.IomMember, D("2026-12-01"));
        for (var i = 10; i < 40; i++)
        {
            await kit.AddAsync(PanelCode.Iom, Meeting, i, ActionKit.IomMember, D("2027-02-01").AddDays(i));
            await kit.AddAsync(PanelCode.Asb, Meeting, i, ActionKit.AsbMember, D("2026-11-01").AddDays(i % 20), status: PanelActionStatus.Done);
        }

        var counting = new RoundTripCountingStore(kit.Documents);
        var report = await Reminders(counting).HandleAsync(Ct);

        report.ShouldBe(new ActionReminderReport(D("2026-12-21"), true, ActionsRead: 2, Reminded: 2, NoAddress: 0));
        counting.Log.SelectMany(r => r).Count(c => c == "query panels").ShouldBe(4);
        counting.Log.SelectMany(r => r).ShouldNotContain(c => c.StartsWith("read partition", StringComparison.Ordinal) || c.StartsWith("read kind", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_is_read_or_sent_on_a_weekend_or_a_bank_holiday()
    {
        await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, D("2026-12-01"));
        foreach (var day in new[] { "2026-12-25T06:00:00Z", "2026-12-26T06:00:00Z", "2026-12-28T06:00:00Z" })
        {
            kit.Time.SetUtcNow(DateTimeOffset.Parse(day, CultureInfo.InvariantCulture));
            var counting = new RoundTripCountingStore(kit.Documents);

            (await Reminders(counting).HandleAsync(Ct)).WorkingDay.ShouldBeFalse();

            counting.Calls.ShouldBe(0);
        }

        (await DeliverQueuedAsync()).ShouldBeEmpty();
    }

    private sealed class RecordingMailSender : IMailSender
    {
        public List<MailMessage> Sent { get; } = [];

        public Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
