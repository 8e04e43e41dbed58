using System.Globalization;
using Iom.Adapters.Sqlite;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Panels.Actions;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Panels;

/// <summary>
/// A store with panel actions in it, written directly: finalising minutes is what creates actions, and it is built
/// elsewhere at the same time, so these tests do not depend on it. Members are by object id, as in Entra.
/// </summary>
public sealed class ActionKit : IDisposable
{
    public const string IomMember = "0b1c7a52-0000-4000-8000-000000000001";
    public const string OtherIomMember = "0b1c7a52-0000-4000-8000-000000000002";
    public const string AsbMember = "0b1c7a52-0000-4000-8000-000000000003";
    public const string Coordinator = "0b1c7a52-0000-4000-8000-0000000000c0";

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-actions-").FullName, "iom.db"));

    public ActionKit(string now = "2026-12-14T09:00:00Z")
    {
        Time = new FakeTimeProvider(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));
        Documents = new SqliteDocumentStore(database, Time);
        Audit = new Audit.AuditKit(Documents);
    }

    public FakeTimeProvider Time { get; }

    public IDocumentStore Documents { get; }

    public Audit.AuditKit Audit { get; }

    /// <summary>The embedded queue, in the same database: what the outbox relay sends to.</summary>
    public SqliteQueue Queue => new(database, Time);

    public PanelDirectory Panels { get; } = new(Options.Create(new PanelsOptions
    {
        Panels =
        {
            ["iom"] = Panel("IOM Panel", (IomMember, "ppo.officer@met.police.uk"), (OtherIomMember, "housing.lead@richmond.gov.uk")),
            ["asb"] = Panel("ASB Panel", (AsbMember, "snt.sergeant@met.police.uk")),
            ["dyo"] = Panel("DYO Panel"),
            ["strategic-group"] = Panel("IOM Strategic Group"),
        },
    }));

    private static PanelOptions Panel(string name, params (string Id, string Email)[] members) => new()
    {
        Name = name,
        CoordinatorEmail = "iom.coordinator@richmond.gov.uk",
        CoordinatorObjectId = Coordinator,
        Members = [.. members.Select(m => new PanelMemberOptions { Name = "Member " + m.Id[^1..], Organisation = "Org " + m.Id[^1..], Post = "Post", Email = m.Email, ObjectId = m.Id })],
    };

    public static ActingAs As(string role, string objectId, IObjectRule rule, string purpose = "test") =>
        new(new Caller(objectId, "A Member", null, "police", new HashSet<string> { role }), "corr-actions", purpose)
        {
            Scope = new ObjectScope(rule, new HashSet<string> { Roles.Coordinator, Roles.PanelMember }),
        };

    /// <summary>A panel member, seated as the request pipeline seats one: from the stored rosters (seeded from <see cref="Panels"/>).</summary>
    public ActingAs Member(string objectId, IObjectRule? rule = null)
    {
        var seats = new Iom.Application.Panels.Membership.PanelSeats(
            new Iom.Application.Panels.Membership.PanelMembershipStore(Documents, new Iom.Application.Panels.Membership.PanelMembershipSeed(Panels)), Time)
            .OfAsync(objectId, CancellationToken.None).GetAwaiter().GetResult();
        var acting = As(Roles.PanelMember, objectId, rule ?? new PanelAccess(Panels));
        return acting with { Caller = acting.Caller with { SeatedPanels = seats } };
    }

    public ActingAs CoordinatorActing(IObjectRule? rule = null) => As(Roles.Coordinator, Coordinator, rule ?? new PanelAccess(Panels));

    /// <summary>Stores an action as finalised minutes would: the <paramref name="position"/>th of the meeting's.</summary>
    public async Task<PanelAction> AddAsync(PanelCode panel, DateOnly meeting, int position, string owner, DateOnly due, string? personId = null,
        PanelActionStatus status = PanelActionStatus.Open)
    {
        var meetingId = new MeetingId(panel, meeting);
        var action = new PanelAction(PanelActionDocuments.IdFor(meetingId, position), panel, meetingId.ToString(),
            $"Action {position}: check in with the housing provider", owner, due, personId, status, Time.GetUtcNow());
        await Documents.CreateAsync(PanelActionDocuments.KeyOf(panel, action.Id), action, TestContext.Current.CancellationToken);
        return action;
    }

    public void Dispose() => database.Dispose();
}
