using Iom.Application.Audit;
using Iom.Application.Cohort;
using Iom.Application.Errors;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Domain.Cohort;
using Iom.Domain.Panels.Minutes;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Panels.Minutes;

/// <summary>
/// Finalises a meeting's minutes: judges the rules against the roster of the meeting's day (422 naming the rule),
/// checks each decision still applies (its referral still listed for this meeting, a person to select not in the
/// cohort, one to de-select in it), then commits the minutes as finalising (frozen) with an outbox entry to apply
/// them, and applies them at once (<see cref="ApplyMinutes"/>), so the answer is usually the final minutes (200). If
/// applying stops part way the answer is the minutes still finalising (202) and the outbox finishes the work; posting
/// again resumes it too.
/// </summary>
public sealed partial class FinaliseMinutesHandler(
    IDocumentStore documents, IPanelRosters rosters, ApplyMinutes apply, TimeProvider time, ILogger<FinaliseMinutesHandler> logger)
{
    public const string Purpose = "Panel administration: finalising the minutes and decisions of a panel meeting";

    public async Task<StoredMinutes> HandleAsync(string meetingId, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (id, meeting) = await MinutesMeetings.FindAsync(documents, meetingId, actor, cancellationToken);
        var key = MinutesDocuments.KeyOf(id);
        var stored = await documents.ReadAsync<MeetingMinutes>(key, cancellationToken) ?? throw MinutesMeetings.NoMinutes();
        if (stored.Value.Status == MinutesStatus.Finalising)
        {
            return await ApplyNowAsync(id, stored, actor.CorrelationId, cancellationToken);
        }

        var now = time.GetUtcNow();
        var roster = await rosters.OnDayAsync(id.Panel, meeting.Date, cancellationToken);
        MeetingMinutes finalising;
        try
        {
            finalising = stored.Value.BeginFinalising(roster, actor.Caller.UserId, now);
        }
        catch (MinutesRuleException broken)
        {
            throw MinutesMeetings.Refusal(broken);
        }

        if (stored.Value.Amendment is null)
        {
            await CheckDecisionsApplyAsync(finalising, meeting, cancellationToken);
        }

        var applying = OutboxEntry.For($"minutes-apply-{id}-v{finalising.Version}", MinutesQueues.Apply,
            new ApplyMinutesMessage(id.ToString(), finalising.Version, actor.CorrelationId), now);
        StoredDocument<MeetingMinutes> committed;
        try
        {
            await documents.CommitAsync(key.Container, key.Partition, [DocumentWrite.Replace(key.Id, finalising, stored.ETag), applying.Write()], cancellationToken);
            committed = await documents.ReadAsync<MeetingMinutes>(key, cancellationToken) ?? throw MinutesMeetings.NoMinutes();
        }
        catch (DocumentStoreException)
        {
            throw new RefusalException(RefusalKind.Stale, "stale", "Someone else changed these minutes first.", "Read them again and retry.");
        }

        return await ApplyNowAsync(id, committed, actor.CorrelationId, cancellationToken);
    }

    private async Task<StoredMinutes> ApplyNowAsync(Domain.Panels.MeetingId id, StoredDocument<MeetingMinutes> stored, string correlationId, CancellationToken cancellationToken)
    {
        try
        {
            stored = await apply.ApplyAsync(id, stored.Value.Version, correlationId, cancellationToken) ?? stored;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Committed as finalising with its outbox entry: the relay applies the rest. The caller is told it is under way (202).
            LogLeftToOutbox(logger, failure, id.ToString());
        }

        return new StoredMinutes(stored.Value, stored.ETag);
    }

    private async Task CheckDecisionsApplyAsync(MeetingMinutes minutes, Panels.Meeting meeting, CancellationToken cancellationToken)
    {
        for (var i = 0; i < minutes.Content.Decisions.Count; i++)
        {
            var decision = minutes.Content.Decisions[i];
            var membership = (await documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(decision.PersonId), cancellationToken))?.Value;
            if (decision.ReferralId is not null)
            {
                var referral = (await documents.ReadAsync<Referral>(Referrals.ReferralStore.KeyOf(decision.PersonId, decision.ReferralId), cancellationToken))?.Value;
                if (referral is null || referral.Status != ReferralStatus.Listed || referral.MeetingDate != meeting.Date)
                {
                    throw Refused("referral-not-listed", $"Decision {i + 1}: its referral is no longer listed for this meeting (withdrawn or moved since).", i);
                }
            }

            if (decision.Outcome == DecisionOutcome.Selected && membership?.Current is not null)
            {
                throw Refused("already-in-cohort", $"Decision {i + 1}: the person is in the cohort already.", i);
            }

            if (decision.Outcome == DecisionOutcome.Deselected && membership?.Current is null)
            {
                throw Refused("not-in-cohort", $"Decision {i + 1}: the person is not in the cohort.", i);
            }
        }
    }

    private static RefusalException Refused(string reason, string title, int index) =>
        new(RefusalKind.Unprocessable, reason, title, null, new Dictionary<string, object?> { ["rule"] = reason, ["decision"] = index });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Minutes {MeetingId} are committed as finalising; applying them stopped and the outbox will finish")]
    private static partial void LogLeftToOutbox(ILogger logger, Exception exception, string meetingId);
}
