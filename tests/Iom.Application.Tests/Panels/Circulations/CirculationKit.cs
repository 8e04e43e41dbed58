using System.Text.Json;
using Iom.Adapters.Sqlite;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Panels.Circulations;
using Iom.Application.Panels.Meetings;
using Iom.Application.Ports.Documents;
using Iom.Application.Tests.Referrals;
using Iom.Domain.Calendar;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Panels.Circulations;

/// <summary>
/// The circulation jobs over SQLite with the clock set: the IOM panel with three members (one on a domain off the
/// allow-list), a meeting, referrals submitted through the real handler, and the mail queue to read what went out.
/// </summary>
public sealed class CirculationKit : IDisposable
{
    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-circulation-").FullName, "iom.db"));

    public CirculationKit(DateTimeOffset now) => Time = new FakeTimeProvider(now);

    public FakeTimeProvider Time { get; }

    public SqliteDocumentStore Documents => new(database);

    public SqliteQueue Queue => new(database, Time);

    public LinkKeys Keys { get; } = new();

    public static PanelDirectory Panels() => new(Options.Create(new PanelsOptions
    {
        Panels =
        {
            ["iom"] = new PanelOptions
            {
                Name = "IOM Panel",
                CoordinatorEmail = "iom.coordinator@richmond.gov.uk",
                Members =
                {
                    new PanelMemberOptions { Name = "Chair", Organisation = "Probation", Post = "Head (Chair)", Email = "chair@justice.gov.uk", ObjectId = "oid-chair" },
                    new PanelMemberOptions { Name = "Police", Organisation = "Police", Post = "DI", Email = "di@met.police.uk", ObjectId = "oid-police" },
                    new PanelMemberOptions { Name = "Housing", Organisation = "Housing", Post = "Officer", Email = "housing@gmail.com", ObjectId = "oid-housing" },
                },
            },
        },
    }));

    private OutboxRelay Relay => new(Documents, Queue, Time, NullLogger<OutboxRelay>.Instance);

    private MeetingPapers Papers => new(Documents, Panels(), new StubInvitations());

    private CirculationLinks Links => new(Keys, Options.Create(new AppOptions { PublicBaseUrl = new Uri("https://iom.example.gov.uk") }));

    private CirculationMails Mails => new(Papers, Links);

    private static SecureMailDomains Secure => new(Options.Create(new MailOptions()));

    public AgendaCirculation Agendas() => new(Documents, new MeetingCalendar(Documents), new Iom.Application.Panels.Membership.StoredPanelRosters(new Iom.Application.Panels.Membership.PanelMembershipStore(Documents, new Iom.Application.Panels.Membership.PanelMembershipSeed(Panels()))), Panels(), Secure,
        Papers, Mails, new Circulator(Documents, Relay), new WorkingDayCalendar(), Time);

    public MinutesCirculation Minutes() => new(Papers, Mails, new Circulator(Documents, Relay), Secure, new WorkingDayCalendar(), Time, NullLogger<MinutesCirculation>.Instance);

    public MeetingChangedCirculation MeetingChanged() => new(Papers, Mails, new Circulator(Documents, Relay), Secure, Time);

    public MinutesOverdueReminder Overdue() => new(Documents, Panels(), Papers, Links, Relay, new WorkingDayCalendar(), Time);

    public ReadCirculations Read() => new(Documents, Papers, new MailDeliveries(Documents, Relay, Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<MailDeliveries>.Instance), new WorkingDayCalendar(), Time);

    public ResendCirculation Resend() => new(Documents, Papers, Mails, new Circulator(Documents, Relay), Time);

    public async Task MeetingAsync(DateOnly date, CancellationToken cancellationToken) =>
        await new CreateMeetingsHandler(Documents, Relay, new WorkingDayCalendar(), Time)
            .HandleAsync(PanelCode.Iom, new CreateMeetingsRequest { Date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StartTime = "10:00", Location = "Civic Centre" }, Coordinator(), cancellationToken);

    /// <summary>A referral submitted now by a Met officer; listed for the first meeting far enough ahead.</summary>
    public async Task<string> ReferralAsync(string familyName, bool emergency, CancellationToken cancellationToken)
    {
        var request = Submissions.Referral() with { Person = Submissions.Referral().Person! with { FamilyName = familyName }, Emergency = emergency };
        var result = await Submissions.Handler(Documents, Time).HandleAsync(request, Submissions.Referrer("met"), null, cancellationToken);
        return result.Id;
    }

    /// <summary>Every mail request on the outgoing queue now (taken off it for good).</summary>
    public async Task<List<MailRequest>> MailsQueuedAsync(CancellationToken cancellationToken)
    {
        var queue = Queue;
        var received = await queue.ReceiveAsync(OutgoingMail.QueueName, 32, TimeSpan.FromHours(1), cancellationToken);
        foreach (var message in received)
        {
            await queue.CompleteAsync(OutgoingMail.QueueName, message, cancellationToken);
        }

        return [.. received.Select(m => JsonSerializer.Deserialize<MailRequest>(m.Body, DocumentJson.Options)!)];
    }

    public static Iom.Application.Audit.ActingAs Coordinator() =>
        new(new Iom.Application.Identity.Caller("oid-coordinator", "A Co-ordinator", null, "council", new HashSet<string> { Iom.Application.Identity.Roles.Coordinator }), "corr-circ", "Panel administration")
        {
            Scope = new Iom.Application.Access.ObjectScope(new Iom.Application.Access.PanelAccess(Panels()), new HashSet<string> { Iom.Application.Identity.Roles.Coordinator }),
        };

    public void Dispose() => database.Dispose();
}
