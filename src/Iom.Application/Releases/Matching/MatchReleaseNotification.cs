using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Cohort;
using Iom.Application.Identity;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Identifiers;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Releases.Matching;

/// <summary>
/// Who is a notification about? By prison number (and every number merged with it), then PNC, then CRO, through the
/// identifier index. One person named, and someone works with them (an open referral, or a cohort membership today):
/// the notification is applied to them — <see cref="ReleaseMatched"/>, the <see cref="ApplyReleaseToPerson"/> outbox
/// entry and the Collection audit record in one commit in their partition. Identifiers naming different people, or
/// only the names and date of birth matching: a possible match for the co-ordinator. Nobody, or nobody working with
/// them: unmatched, for the co-ordinator. No agency hears of anything but the first.
/// </summary>
/// <remarks>
/// The first outcome stands: a redelivery finds the <see cref="ReleaseMatch"/> or conflicts on the
/// <see cref="ReleaseMatched"/> and does nothing new. A co-ordinator's confirmation queues the notification here again,
/// and the stored decision says whom to apply it to.
/// </remarks>
public sealed partial class MatchReleaseNotification(
    IDocumentStore documents, AuditTrail audit, PrisonNumberAliases aliases, OutboxNudges nudges, TimeProvider time, ILogger<MatchReleaseNotification> logger)
{
    public const string Purpose = "Offender management: matching a prison release notification to the person it is about";

    public const string ConfirmedPurpose = "Offender management: a co-ordinator confirming whom a prison release notification is about";

    public async Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<ReleaseNotificationRecorded>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The notification message is null.");
        var stored = await documents.ReadAsync<ReleaseNotification>(ReleaseNotifications.KeyOf(message.NotificationId), cancellationToken);
        if (stored is null)
        {
            LogNothingToMatch(logger, message.NotificationId);
            return;
        }

        var notification = stored.Value;
        var matchId = ReleaseMatches.IdOf(notification.Id);
        if (await documents.ReadAsync<ReleaseMatch>(ReleaseMatches.KeyOf(matchId), cancellationToken) is { } decided)
        {
            await FollowDecisionAsync(notification, decided.Value, cancellationToken);
            return;
        }

        var outcome = await MatchAsync(notification.Report, cancellationToken);
        if (outcome.Person is { } person && outcome.MatchedBy is { } matchedBy && await WorkedWithAsync(person, cancellationToken))
        {
            var actor = new AuditActor(notification.ReceivedFrom, null, []);
            await ApplyAsync(notification, person, matchedBy, actor, Purpose, notification.Id, cancellationToken);
            return;
        }

        var match = outcome.Candidates.Count > 0 && outcome.Ground is { } ground
            ? ReleaseMatch.Possible(matchId, notification.Id, notification.Report, notification.ReceivedAt, ground, outcome.Candidates)
            : ReleaseMatch.Unmatched(matchId, notification.Id, notification.Report, notification.ReceivedAt, outcome.Person);
        if (outcome.Person is { } known && await documents.ReadAsync<ReleaseMatched>(ReleaseMatches.MatchedKeyOf(known, notification.Id), cancellationToken) is not null)
        {
            // Applied to them by an earlier delivery, and nobody works with them any more: the first outcome stands.
            return;
        }

        try
        {
            await documents.CreateAsync(ReleaseMatches.KeyOf(matchId), match, cancellationToken);
            LogLeftForCoordinator(logger, notification.Id, match.State, match.Ground);
        }
        catch (DocumentConflictException)
        {
            // A concurrent delivery recorded it first.
        }
    }

    private async Task FollowDecisionAsync(ReleaseNotification notification, ReleaseMatch match, CancellationToken cancellationToken)
    {
        if (match is not { State: ReleaseMatchState.Confirmed, ConfirmedPersonId: { } person, Decision: { } decision })
        {
            // Still the co-ordinator's, or rejected: nobody is told.
            return;
        }

        var actor = new AuditActor(decision.By, null, [Roles.Coordinator]);
        await ApplyAsync(notification, person, "confirmed", actor, ConfirmedPurpose, decision.CorrelationId, cancellationToken);
    }

    private async Task ApplyAsync(
        ReleaseNotification notification, string personId, string matchedBy, AuditActor actor, string purpose, string correlationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = OutboxEntry.For("release-custody-" + ReleaseMatches.IdOf(notification.Id), ReleaseQueues.Custody,
            new ApplyReleaseToPerson(notification.Id, personId, matchedBy), now);
        var record = new ReleaseMatched(notification.Id, personId, matchedBy, now);
        try
        {
            // The notification's personal data joins the person's records: collected, and logged as such.
            await audit.CommitAsync(new AuditEntry(personId, AuditOperation.Collection, $"release/{notification.Id}", actor, purpose, now, correlationId),
                [DocumentWrite.Create(ReleaseMatches.MatchedIdOf(notification.Id), record), entry.Write()], cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // Applied already (a redelivery, or a twin delivery at the same time): its entry went with it.
            return;
        }

        nudges.Post(Containers.People, personId, [entry]);
        LogApplied(logger, notification.Id, matchedBy);
    }

    private async Task<MatchOutcome> MatchAsync(ReleaseReport report, CancellationToken cancellationToken)
    {
        var today = LondonTime.LondonDate(time.GetUtcNow());
        var numbers = PrisonNumber.TryParse(report.PrisonNumber, out _, out _)
            ? await aliases.ConnectedAsync(report.PrisonNumber, cancellationToken)
            : [];
        var keys = new List<(string By, string Key)>();
        foreach (var number in numbers)
        {
            if (PrisonNumber.TryParse(number, out var noms, out _))
            {
                keys.Add(("noms", PersonMatchKeys.OfNoms(noms)));
            }
        }

        if (PncId.TryParse(report.PncId, today, out var pnc, out _))
        {
            keys.Add(("pnc", PersonMatchKeys.OfPnc(pnc)));
        }

        if (CroNumber.TryParse(report.CroNumber, out var cro, out _))
        {
            keys.Add(("cro", PersonMatchKeys.OfCro(cro)));
        }

        var claims = await Task.WhenAll(keys.Select(k => documents.ReadAsync<IdentityClaim>(IdentityClaims.KeyOf(k.Key), cancellationToken)));
        var named = keys.Zip(claims, (k, c) => (k.By, Person: c?.Value.PersonId)).Where(n => n.Person is not null).ToList();
        var people = named.Select(n => n.Person!).Distinct(StringComparer.Ordinal).ToList();
        if (people.Count == 1)
        {
            // In the order prison number, PNC, CRO: the first that names them is how they were matched.
            return new MatchOutcome(people[0], named[0].By, null, []);
        }

        if (people.Count > 1)
        {
            return new MatchOutcome(null, null, ReleaseMatchGround.IdentifiersDisagree, people);
        }

        if (report is { GivenName: { } given, FamilyName: { } family, DateOfBirth: { } dob }
            && PersonMatchKeys.For(given, family, dob, null, null, null, null).FirstOrDefault(k => k.StartsWith("name-dob:", StringComparison.Ordinal)) is { } nameKey
            && await documents.ReadAsync<IdentityClaim>(IdentityClaims.KeyOf(nameKey), cancellationToken) is { } byName)
        {
            return new MatchOutcome(null, null, ReleaseMatchGround.NameAndDateOfBirth, [byName.Value.PersonId]);
        }

        return new MatchOutcome(null, null, null, []);
    }

    /// <summary>An open referral in their partition, or a cohort membership covering today: both bounded by the person.</summary>
    private async Task<bool> WorkedWithAsync(string personId, CancellationToken cancellationToken)
    {
        var today = LondonTime.LondonDate(time.GetUtcNow());
        var membership = await documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(personId), cancellationToken);
        if (membership?.Value.On(today) is not null)
        {
            return true;
        }

        string? continuation = null;
        do
        {
            var page = await documents.QueryAsync<Referral>(new DocumentQuery(Containers.People, personId) { PageSize = 50, Continuation = continuation }, cancellationToken);
            if (page.Items.Any(r => ReferralStatusRules.IsOpen(r.Value.Status)))
            {
                return true;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);

        return false;
    }

    private sealed record MatchOutcome(string? Person, string? MatchedBy, ReleaseMatchGround? Ground, IReadOnlyList<string> Candidates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Release notification {NotificationId} is not stored: nothing to match")]
    private static partial void LogNothingToMatch(ILogger logger, string notificationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Release notification {NotificationId} left for the co-ordinator: {State} ({Ground})")]
    private static partial void LogLeftForCoordinator(ILogger logger, string notificationId, ReleaseMatchState state, ReleaseMatchGround ground);

    [LoggerMessage(Level = LogLevel.Information, Message = "Release notification {NotificationId} applied to its person (matched by {MatchedBy})")]
    private static partial void LogApplied(ILogger logger, string notificationId, string matchedBy);
}
