using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Domain.Releases;

namespace Iom.Application.Releases.Matching;

/// <summary>
/// A co-ordinator confirms or rejects a possible match. The decision is one ETag-guarded replace of the match; a
/// confirmation carries, in the same commit, an outbox entry that queues the notification for matching again, where
/// the stored decision applies it to the chosen person (one commit in their partition, audited with the co-ordinator
/// as actor). So the decision and its consequence cannot part: if the request stops after the commit, the relay's
/// sweep carries the rest. A rejection tells nobody.
/// </summary>
public sealed class DecideReleaseMatchHandler(IDocumentStore documents, OutboxNudges nudges, TimeProvider time)
{
    public const string Purpose = "Offender management: deciding whom a prison release notification is about";

    public static RefusalException NotFound() => new(RefusalKind.NotFound, "not-found", "There is no such release match.");

    public Task<ReleaseMatch> ConfirmAsync(string matchId, ConfirmReleaseMatchRequest request, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var personId = string.IsNullOrWhiteSpace(request.PersonId) ? null : request.PersonId.Trim();
        if (personId is { Length: > 64 })
        {
            throw ValidationFailedException.For("personId", "The personId must be one of the match's candidates");
        }

        return DecideAsync(matchId, actor, (match, decision) => match.Confirm(personId, decision), cancellationToken);
    }

    public Task<ReleaseMatch> RejectAsync(string matchId, ActingAs actor, CancellationToken cancellationToken) =>
        DecideAsync(matchId, actor, (match, decision) => match.Reject(decision), cancellationToken);

    private async Task<ReleaseMatch> DecideAsync(
        string matchId, ActingAs actor, Func<ReleaseMatch, ReleaseMatchDecision, ReleaseMatch> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        for (var attempt = 1; ; attempt++)
        {
            var stored = ReleaseMatches.IsWellFormed(matchId)
                ? await documents.ReadAsync<ReleaseMatch>(ReleaseMatches.KeyOf(matchId), cancellationToken)
                : null;
            var match = actor.Reach(stored?.Value, NotFound);
            var now = time.GetUtcNow();
            ReleaseMatch decided;
            try
            {
                decided = decide(match, new ReleaseMatchDecision(actor.Caller.UserId, now, actor.CorrelationId));
            }
            catch (ReleaseMatchRefusedException refused)
            {
                throw new RefusalException(refused.Rule == ReleaseMatchRefusedException.NotACandidate ? RefusalKind.Unprocessable : RefusalKind.Conflict,
                    refused.Rule, refused.Message, null, new Dictionary<string, object?> { ["currentState"] = match.State });
            }

            List<OutboxEntry> entries = decided.State == ReleaseMatchState.Confirmed
                ? [OutboxEntry.For("release-match-confirmed-" + matchId, ReleaseQueues.Notifications, new ReleaseNotificationRecorded(match.NotificationId), now)]
                : [];
            try
            {
                await documents.CommitAsync(Containers.Identities, ReleaseMatches.Partition,
                    [DocumentWrite.Replace(stored!.Key.Id, decided, stored.ETag), .. entries.Select(e => e.Write())], cancellationToken);
            }
            catch (DocumentPreconditionFailedException) when (attempt == 1)
            {
                // Decided by someone else meanwhile: read it again, and the rule refuses a second decision.
                continue;
            }

            nudges.Post(Containers.Identities, ReleaseMatches.Partition, entries);
            return decided;
        }
    }
}
