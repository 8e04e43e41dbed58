using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Releases;
using Iom.Application.Releases.Matching;
using Iom.Application.Tests.Panels;
using Iom.Application.Tests.Referrals;
using Iom.Domain.Releases;
using Microsoft.Extensions.Logging.Abstractions;

namespace Iom.Application.Tests.Releases;

/// <summary>
/// A store with people referred through the real submission handler, notifications recorded through the real intake,
/// and matching run as the queue function runs it: the message each outbox entry would carry, delivered by hand.
/// </summary>
public sealed class MatchingKit : IDisposable
{
    public const string CoordinatorId = ActionKit.Coordinator;

    private readonly ActionKit kit = new("2026-12-14T09:00:00Z");

    public IDocumentStore Documents => kit.Documents;

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => kit.Time;

    public AuditTrail Trail => kit.Audit.Trail();

    private OutboxNudges Nudges => Submissions.Nudges(Documents, Time);

    public PrisonNumberAliases Aliases => new(Documents, Time, NullLogger<PrisonNumberAliases>.Instance);

    public MatchReleaseNotification Matcher => new(Documents, Trail, Aliases, Nudges, Time, NullLogger<MatchReleaseNotification>.Instance);

    public DecideReleaseMatchHandler Decide => new(Documents, Nudges, Time);

    public ListUnmatchedReleases Unmatched => new(Documents, Trail, Time);

    public static ActingAs Coordinator() =>
        new(new Caller(CoordinatorId, "The Co-ordinator", null, "council", new HashSet<string> { Roles.Coordinator }), "corr-decide", DecideReleaseMatchHandler.Purpose)
        {
            Scope = new ObjectScope(new ReleaseMatchAccess(), new HashSet<string> { Roles.Coordinator }),
        };

    /// <summary>Refers a person (an open referral: someone works with them) and answers their person id.</summary>
    public async Task<string> ReferAsync(string given, string family, string? noms = null, string? pnc = null, string? cro = null)
    {
        var request = Submissions.Referral() with
        {
            Person = Submissions.Referral().Person! with { GivenName = given, FamilyName = family, PrisonNumber = noms, PncId = pnc, CroNumber = cro },
        };
        await Submissions.Handler(Documents, Time, kit: kit.Audit).HandleAsync(request, Submissions.Referrer("met"), null, Ct);
        var anyKey = Domain.Referrals.PersonMatchKeys.For(given, family, new DateOnly(1994, 3, 2), null, null, null, null)[0];
        return (await Documents.ReadAsync<IdentityClaim>(IdentityClaims.KeyOf(anyKey), Ct)).ShouldNotBeNull().Value.PersonId;
    }

    public static ReleaseReport Report(
        string eventId, string noms = "A8513EA", string? pnc = null, string? cro = null, string? given = "Nobody", string? family = "Known") => new(
        ReleaseSource.Prison, eventId, "SWI", noms, pnc, cro, given, family, given is null ? null : new DateOnly(1994, 3, 2), ReleaseReason.Released,
        new DateOnly(2026, 12, 14), DateTimeOffset.Parse("2026-12-14T08:30:00+00:00", System.Globalization.CultureInfo.InvariantCulture), null, null);

    /// <summary>Records the notification through the intake and delivers its queue message to matching once.</summary>
    public async Task<string> NotifyAsync(ReleaseReport report)
    {
        var receipt = await new RecordReleaseNotification(Documents, Nudges, Time, NullLogger<RecordReleaseNotification>.Instance).RecordAsync(report, "swi-key-1", Ct);
        await DeliverAsync(receipt.Id);
        return receipt.Id;
    }

    /// <summary>The message the outbox entry for release-notifications carries, delivered (again).</summary>
    public Task DeliverAsync(string notificationId) =>
        Matcher.HandleAsync(System.Text.Json.JsonSerializer.Serialize(new ReleaseNotificationRecorded(notificationId), DocumentJson.Options), Ct);

    /// <summary>Every ApplyReleaseToPerson queued for the custody record in the person's partition.</summary>
    public async Task<List<ApplyReleaseToPerson>> CustodyMessagesAsync(string personId) =>
        await Documents.ReadPartitionAsync<OutboxEntry>(Containers.People, personId, Ct)
            .Where(e => e.Value.Queue == ReleaseQueues.Custody)
            .Select(e => System.Text.Json.JsonSerializer.Deserialize<ApplyReleaseToPerson>(e.Value.Message, DocumentJson.Options)!)
            .ToListAsync(Ct);

    public async Task<ReleaseMatch?> MatchOfAsync(string notificationId) =>
        (await Documents.ReadAsync<ReleaseMatch>(ReleaseMatches.KeyOf(ReleaseMatches.IdOf(notificationId)), Ct))?.Value;

    public async Task<List<UnmatchedReleaseSummary>> UnmatchedListAsync(int pageSize = 100)
    {
        var all = new List<UnmatchedReleaseSummary>();
        string? continuation = null;
        do
        {
            var (items, next) = await Unmatched.HandleAsync(new UnmatchedReleaseQuery(pageSize, continuation), Coordinator() with { Purpose = ListUnmatchedReleases.Purpose }, Ct);
            all.AddRange(items);
            continuation = next;
        }
        while (continuation is not null);

        return all;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => kit.Dispose();
}
