using Iom.Adapters.Sqlite;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Panels.Meetings;
using Iom.Application.Panels.Minutes;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals.Submit;
using Iom.Application.Tests.Audit;
using Iom.Application.Tests.Referrals;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Panels;

/// <summary>
/// The minutes flow over one SQLite store: a meeting on 12 January 2027 with referrals listed for it, a roster of five
/// organisations, and the handlers wired as the app wires them (an apply store of the test's choosing).
/// </summary>
internal sealed class MinutesKit : IDisposable
{
    public static readonly MeetingId Meeting = new(PanelCode.Iom, new DateOnly(2027, 1, 12));

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-minutes-").FullName, "iom.db"));

    public MinutesKit()
    {
        Documents = new SqliteDocumentStore(database);
        Queue = new SqliteQueue(database, Time);
        Audit = new AuditKit(Documents);
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public SqliteDocumentStore Documents { get; }

    public SqliteQueue Queue { get; }

    public AuditKit Audit { get; }

    public static PanelRoster Roster { get; } = new(PanelCode.Iom, Meeting.Scheduled, "Probation",
    [
        new PanelMember("chair", "Chair", "Probation", "SPO (Chair)", "chair@probation.gov.uk", MemberAttendance.Permanent, PanelSeat.Chair, false),
        new PanelMember("police", "PPO Officer", "Richmond Police", "PPO Officer", "ppo@met.police.uk", MemberAttendance.Permanent, PanelSeat.Member, true),
        new PanelMember("council", "CSP", "Council", "Head of CSP", "csp@richmond.gov.uk", MemberAttendance.Permanent, PanelSeat.Member, false),
        new PanelMember("yot", "YOT", "Youth Offending Team", "Manager", "yot@richmond.gov.uk", MemberAttendance.Permanent, PanelSeat.Member, false),
        new PanelMember("health", "Nurse", "Health", "Nurse", "nurse@nhs.net", MemberAttendance.AsRequired, PanelSeat.Member, false),
    ]);

    public IPanelRosters Rosters { get; } = new FixedRosters();

    public static ActingAs Coordinator(string correlationId = "corr-minutes") =>
        new(new Caller("user-coordinator", "A Co-ordinator", null, "council", new HashSet<string> { Roles.Coordinator }), correlationId, SaveMinutesHandler.Purpose)
        {
            Scope = new ObjectScope(new PanelAccess(Submissions.Panels()), new HashSet<string> { Roles.Coordinator }),
        };

    public OutboxRelay Relay(IDocumentStore? documents = null) => new(documents ?? Documents, Queue, Time, NullLogger<OutboxRelay>.Instance);

    public SaveMinutesHandler Save() => new(Documents, Audit.Trail(), Rosters, Time);

    public GetMinutesHandler Get() => new(Documents, Audit.Trail(), Time);

    public ApplyMinutes Apply(IDocumentStore? documents = null) =>
        new(documents ?? Documents, Audit.Trail(documents ?? Documents), Relay(documents), Rosters,
            new MeetingCalendar(Documents), new WorkingDayCalendar(), Options.Create(new ReferralOptions()), Options.Create(new AppOptions { PublicBaseUrl = new Uri("https://iom.example") }), Time, NullLogger<ApplyMinutes>.Instance);

    public FinaliseMinutesHandler Finalise(IDocumentStore? applyStore = null) =>
        new(Documents, Rosters, Apply(applyStore), Time, NullLogger<FinaliseMinutesHandler>.Instance);

    /// <summary>The meeting, and a referral listed for it for each family name given; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> MeetingWithReferralsAsync(CancellationToken cancellationToken, params string[] familyNames)
    {
        await new CreateMeetingsHandler(Documents, Relay(), new WorkingDayCalendar(), Time)
            .HandleAsync(PanelCode.Iom, new CreateMeetingsRequest { Date = "2027-01-12" }, Coordinator(), cancellationToken);
        var ids = new List<string>();
        foreach (var name in familyNames)
        {
            var request = Submissions.Referral() with { Person = Submissions.Referral().Person! with { FamilyName = name } };
            ids.Add((await Submissions.Handler(Documents, Time, kit: Audit).HandleAsync(request, Submissions.Referrer("police"), cancellationToken)).Id);
        }

        return ids;
    }

    /// <summary>Another meeting of the IOM panel, on <paramref name="date"/> (yyyy-MM-dd).</summary>
    public Task AddMeetingAsync(string date, CancellationToken cancellationToken) =>
        new CreateMeetingsHandler(Documents, Relay(), new WorkingDayCalendar(), Time)
            .HandleAsync(PanelCode.Iom, new CreateMeetingsRequest { Date = date }, Coordinator(), cancellationToken);

    public static DecisionInput Defer(string referralId) => new()
    {
        ReferralId = referralId, Outcome = "deferred", VotesFor = 4, VotesAgainst = 0, ReasonCode = "more-information-needed",
    };

    public static AttendeeInput[] Quorate { get; } =
        [new() { MemberId = "chair" }, new() { MemberId = "police" }, new() { MemberId = "council" }, new() { DelegateFor = "yot", Name = "A Delegate", Organisation = "YOT", Email = "delegate@richmond.gov.uk" }];

    public static DecisionInput Select(string referralId) => new()
    {
        ReferralId = referralId, Outcome = "selected", VotesFor = 4, VotesAgainst = 0,
        LeadProfessional = new LeadProfessionalInput { Name = "Pat Lead", Agency = "Probation", Email = "pat.lead@probation.gov.uk" },
        Category = "ppo", CohortType = "fixed", Strands = ["catch-and-control"], ReasonCode = "prolific",
    };

    public static DecisionInput Decline(string referralId) => new()
    {
        ReferralId = referralId, Outcome = "declined", VotesFor = 3, VotesAgainst = 1, ReasonCode = "below-threshold",
    };

    public async Task<List<string>> QueuedAsync(string queue, CancellationToken cancellationToken) =>
        [.. (await Queue.ReceiveAsync(queue, 32, TimeSpan.FromMinutes(5), cancellationToken)).Select(m => m.Body)];

    public void Dispose() => database.Dispose();

    private sealed class FixedRosters : IPanelRosters
    {
        public Task<PanelRoster> OnDayAsync(PanelCode panel, DateOnly day, CancellationToken cancellationToken) => Task.FromResult(Roster);
    }
}
