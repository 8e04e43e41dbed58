using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Cohort;
using Iom.Application.Identity;
using Iom.Application.Outbox;
using Iom.Application.Panels.Actions;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Minutes;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iom.Application.Panels.Minutes;

/// <summary>
/// Applies minutes that are being finalised, so that it cannot half-happen: for each decision ONE commit in the
/// person's partition (the referral's move, the cohort membership's change, the integration event's outbox entry,
/// the audit record and a marker naming the meeting), then the panel-side listings (idempotent writes derived from
/// what is stored), then each action (create-if-absent by its stable id), and last, in the meeting's partition, the
/// final version with the <see cref="MinutesFinalised"/> outbox entry that circulates it. Run by the finalise request
/// itself and again by the outbox (<see cref="MinutesQueues.Apply"/>) if that request stopped part way: every step
/// finds what an earlier run did (the marker, the final version) and does nothing twice.
/// </summary>
public sealed partial class ApplyMinutes(
    IDocumentStore documents,
    AuditTrail audit,
    OutboxRelay outbox,
    IPanelRosters rosters,
    MeetingCalendar meetings,
    WorkingDayCalendar calendar,
    IOptions<ReferralOptions> referralOptions,
    IOptions<AppOptions> app,
    TimeProvider time,
    ILogger<ApplyMinutes> logger)
{
    public const string Purpose = "Panel administration: applying the decisions of finalised minutes";

    /// <summary>How long after selection the panel reviews a cohort member (the agenda pack's "due for review").</summary>
    public const int ReviewAfterMonths = 3;

    public async Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<ApplyMinutesMessage>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The apply-minutes message is null.");
        if (!MeetingId.TryParse(message.MeetingId, out var meeting))
        {
            throw new JsonException("The apply-minutes message names no meeting.");
        }

        await ApplyAsync(meeting, message.Version, message.CorrelationId, cancellationToken);
    }

    /// <returns>The minutes as they now stand (final unless something failed, or another version superseded them).</returns>
    public async Task<StoredDocument<MeetingMinutes>?> ApplyAsync(MeetingId meeting, int version, string correlationId, CancellationToken cancellationToken)
    {
        var key = MinutesDocuments.KeyOf(meeting);
        var stored = await documents.ReadAsync<MeetingMinutes>(key, cancellationToken);
        if (stored is null || stored.Value.Version != version || stored.Value.Status != MinutesStatus.Finalising)
        {
            // Final already (an earlier run finished), or never begun: nothing to do.
            return stored;
        }

        var minutes = stored.Value;
        var actor = new ActingAs(new Caller(minutes.FinalisedBy ?? minutes.SavedBy, null, null, null, new HashSet<string> { Roles.Coordinator }), correlationId, Purpose);
        var detail = new Uri(app.Value.PublicBaseUrl, $"/api/meetings/{meeting}/minutes?version={version}");
        var outcomes = new List<ReferralOutcomeNotice>();
        for (var i = 0; i < minutes.Content.Decisions.Count; i++)
        {
            if (await ApplyDecisionAsync(meeting, minutes, minutes.Content.Decisions[i], i, actor, detail, cancellationToken) is { } notice)
            {
                outcomes.Add(notice);
            }
        }

        await CreateActionsAsync(meeting, minutes, cancellationToken);
        return await FinishAsync(meeting, stored, outcomes, correlationId, cancellationToken);
    }

    private async Task<ReferralOutcomeNotice?> ApplyDecisionAsync(
        MeetingId meeting, MeetingMinutes minutes, MinutesDecision decision, int index, ActingAs actor, Uri detail, CancellationToken cancellationToken)
    {
        var personId = decision.PersonId;
        var markerKey = MinutesDocuments.AppliedKeyOf(personId, meeting);
        var referralRead = decision.ReferralId is null ? Task.FromResult<StoredDocument<Referral>?>(null)
            : documents.ReadAsync<Referral>(ReferralStore.KeyOf(personId, decision.ReferralId), cancellationToken);
        var membershipRead = documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(personId), cancellationToken);
        var marker = await documents.ReadAsync<MinutesDecisionApplied>(markerKey, cancellationToken);
        var referral = await referralRead;
        var membership = await membershipRead;
        var applied = marker?.Value.Applied ?? false;

        if (marker is null)
        {
            var now = time.GetUtcNow();
            var relistFor = decision.Outcome == DecisionOutcome.Deferred && referral is not null
                ? await NextMeetingForDeferredAsync(minutes, referral.Value, now, cancellationToken)
                : null;
            var writes = new List<DocumentWrite>();
            var entries = new List<OutboxEntry>();
            applied = true;
            var statusChanges = 1;
            try
            {
                if (referral is not null)
                {
                    var change = decision.Outcome switch
                    {
                        DecisionOutcome.Selected => referral.Value.Select(now, actor.Caller.UserId),
                        DecisionOutcome.Declined => referral.Value.Decline(decision.ReasonCode, now, actor.Caller.UserId),
                        DecisionOutcome.Deferred => Relist(referral.Value.Defer(decision.ReasonCode, now, actor.Caller.UserId).Referral, relistFor, now, actor),
                        _ => throw new InvalidOperationException("A de-selection has no referral."),
                    };
                    // The change's PanelDecision message is carried by MinutesFinalised (each referrer's acknowledgement goes with the minutes).
                    writes.Add(DocumentWrite.Replace(referral.Key.Id, change.Referral, referral.ETag));
                    statusChanges = change.Referral.History.Count - referral.Value.History.Count;
                }
                else if (decision.ReferralId is not null)
                {
                    applied = false;
                }

                if (decision.Outcome is DecisionOutcome.Selected or DecisionOutcome.Deselected && applied)
                {
                    var before = membership?.Value ?? CohortMembership.Empty(personId);
                    var after = decision.Outcome == DecisionOutcome.Selected
                        ? before.Select(minutes.MeetingDate, minutes.Panel, decision.Category!.Value, decision.CohortType!.Value, decision.Strands, decision.LeadProfessional!, minutes.MeetingId)
                        : before.Deselect(minutes.MeetingDate, decision.ReasonCode, minutes.MeetingId);
                    writes.Add(membership is null
                        ? DocumentWrite.Create(CohortDocuments.MembershipOf(personId).Id, after)
                        : DocumentWrite.Replace(membership.Key.Id, after, membership.ETag));
                    entries.Add(decision.Outcome == DecisionOutcome.Selected
                        ? CohortEvents.Selected(personId, after.Current!, minutes.MeetingId, detail, now)
                        : CohortEvents.Deselected(personId, after.Periods[^1], minutes.MeetingId, detail, now));
                }
            }
            catch (InvalidOperationException refused)
            {
                // The referral was withdrawn, or the person's membership changed, after the minutes began finalising: the
                // decision can no longer apply. Recorded as not applied, so the rest of the minutes still go final.
                LogNotApplied(logger, refused, minutes.MeetingId, index);
                writes.Clear();
                entries.Clear();
                applied = false;
                statusChanges = 1;
            }

            writes.Add(DocumentWrite.Create(markerKey.Id, new MinutesDecisionApplied(minutes.MeetingId, minutes.Version, WireNames.Of(decision.Outcome), applied, now)));
            try
            {
                // The subject is what changed, as for every status move: the referral, else the membership.
                var subject = !applied ? $"minutes/{meeting}/v{minutes.Version}/decisions/{index}"
                    : decision.ReferralId is not null ? $"referral/{decision.ReferralId}" : $"cohort-membership/{personId}";
                // One Alteration record per status change (a deferral relisted is two), so the log and the history agree.
                await audit.CommitAsync([.. Enumerable.Range(0, statusChanges).Select(_ => actor.Entry(personId, AuditOperation.Alteration, subject, now))],
                    [.. writes, .. entries.Select(e => e.Write())], cancellationToken);
                await outbox.NudgeAsync(Containers.People, personId, entries, cancellationToken);
            }
            catch (DocumentStoreException)
            {
                // Another run applied it first (the marker exists) or changed the referral meanwhile: what it marked stands.
                if (await documents.ReadAsync<MinutesDecisionApplied>(markerKey, cancellationToken) is not { } readBack)
                {
                    throw;
                }

                applied = readBack.Value.Applied;
            }
            catch (DocumentOutcomeUnknownException)
            {
                // Applied or not: read back before anything else; not applied means this run fails and the outbox retries.
                if (await documents.ReadAsync<MinutesDecisionApplied>(markerKey, cancellationToken) is not { } readBack)
                {
                    throw;
                }

                applied = readBack.Value.Applied;
            }

            referral = decision.ReferralId is null ? null : await documents.ReadAsync<Referral>(ReferralStore.KeyOf(personId, decision.ReferralId), cancellationToken);
            membership = await documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(personId), cancellationToken);
        }

        await WriteListingsAsync(minutes.Panel, personId, referral?.Value, membership?.Value, cancellationToken);
        // Only a decision that was applied is announced: a referral withdrawn before its decision applied was not decided.
        return !applied || referral is null || decision.Outcome == DecisionOutcome.Deselected
            ? null
            : new ReferralOutcomeNotice(referral.Value.Id, referral.Value.Reference, personId, WireNames.Of(decision.Outcome), decision.ReasonCode, referral.Value.Referrer.Email);
    }

    // A deferred referral goes back on its panel's list at once, in the same commit as the deferral: to the first later
    // meeting that gives it the notice a new referral needs from the day it was submitted (as a moved meeting's
    // referrals are relisted), else it awaits a meeting and the relisting pass lists it when one is created.
    private async Task<DateOnly?> NextMeetingForDeferredAsync(MeetingMinutes minutes, Referral referral, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var after = minutes.MeetingDate.AddDays(1);
        var today = LondonTime.LondonDate(now);
        var upcoming = await meetings.UpcomingAsync(minutes.Panel, after > today ? after : today, cancellationToken);
        return MeetingListing.ChooseMeeting(LondonTime.LondonDate(referral.SubmittedAt), referral.Emergency,
            upcoming.Select(m => m.Date).Where(d => d > minutes.MeetingDate), calendar, referralOptions.Value.CutoffWorkingDays);
    }

    private static ReferralChange Relist(Referral deferred, DateOnly? meeting, DateTimeOffset now, ActingAs actor) => meeting is { } date
        ? deferred.ListFor(date, now, actor.Caller.UserId)
        : deferred.AwaitMeeting("deferred: no later meeting far enough ahead yet", now, actor.Caller.UserId);

    // The panel-side copies, derived from what is stored, so writing them again after a crash mends rather than repeats.
    private async Task WriteListingsAsync(PanelCode panel, string personId, Referral? referral, CohortMembership? membership, CancellationToken cancellationToken)
    {
        if (referral is not null)
        {
            await documents.UpsertAsync(ReferralListings.KeyOf(referral), ReferralListings.Of(referral), cancellationToken);
        }

        var listingKey = CohortDocuments.ListingOf(panel, personId);
        if (membership?.Current is { } current && current.Panel == panel)
        {
            await documents.UpsertAsync(listingKey, new CohortListing(
                personId, panel, current.From, current.From.AddMonths(ReviewAfterMonths), current.Category, current.CohortType,
                current.LeadProfessional.Name, current.LeadProfessional.Agency, current.SelectedAt), cancellationToken);
        }
        else
        {
            await documents.DeleteAsync(listingKey, null, cancellationToken);
        }
    }

    private async Task CreateActionsAsync(MeetingId meeting, MeetingMinutes minutes, CancellationToken cancellationToken)
    {
        for (var i = 0; i < minutes.Content.Actions.Count; i++)
        {
            var action = minutes.Content.Actions[i];
            var id = PanelActionDocuments.IdFor(meeting, i + 1);
            try
            {
                await documents.CreateAsync(PanelActionDocuments.KeyOf(meeting.Panel, id), new PanelAction(
                    id, meeting.Panel, minutes.MeetingId, action.Description, action.OwnerMemberId, action.DueDate, action.PersonId,
                    PanelActionStatus.Open, time.GetUtcNow()), cancellationToken);
            }
            catch (DocumentConflictException)
            {
                // Created by an earlier run (or an earlier version): left as it is, completed or not.
            }
        }
    }

    private async Task<StoredDocument<MeetingMinutes>?> FinishAsync(
        MeetingId meeting, StoredDocument<MeetingMinutes> stored, IReadOnlyList<ReferralOutcomeNotice> outcomes, string correlationId, CancellationToken cancellationToken)
    {
        var minutes = stored.Value;
        var final = minutes.MarkFinal();
        var roster = await rosters.OnDayAsync(meeting.Panel, minutes.MeetingDate, cancellationToken);
        var recipients = new List<MinutesRecipient>();
        foreach (var recipient in roster.Members.Select(m => new MinutesRecipient(m.Name, m.Email, m.MemberId))
                     .Concat(minutes.Content.Attendance.Where(a => a.IsDelegate).Select(a => new MinutesRecipient(a.Name!, a.Email!, null))))
        {
            if (!recipients.Any(r => string.Equals(r.Email, recipient.Email, StringComparison.OrdinalIgnoreCase)))
            {
                recipients.Add(recipient);
            }
        }

        var circulation = OutboxEntry.For($"minutes-finalised-{meeting}-v{minutes.Version}", PanelQueues.MinutesCirculation,
            new MinutesFinalised(minutes.MeetingId, minutes.Version, minutes.FinalisedAt ?? time.GetUtcNow(), recipients, outcomes, minutes.Content.PeopleIds)
            {
                CorrelationId = correlationId,
            }, time.GetUtcNow());
        var versionKey = MinutesDocuments.VersionKeyOf(meeting, minutes.Version);
        var indexKey = FinalisedMinutesIndex.KeyOf(meeting.Panel);
        for (var attempt = 1; ; attempt++)
        {
            // The panel's index of final minutes goes in the same commit, so the next agenda pack links these.
            var index = await documents.ReadAsync<FinalisedMinutesIndex>(indexKey, cancellationToken);
            List<DocumentWrite> writes = [DocumentWrite.Replace(stored.Key.Id, final, stored.ETag), DocumentWrite.Create(versionKey.Id, final), circulation.Write()];
            if (index?.Value.Meetings.Contains(new FinalisedMinutesEntry(minutes.MeetingId, minutes.MeetingDate)) != true)
            {
                var listed = (index?.Value ?? FinalisedMinutesIndex.Empty).With(new FinalisedMinutesEntry(minutes.MeetingId, minutes.MeetingDate));
                writes.Add(index is null ? DocumentWrite.Create(indexKey.Id, listed) : DocumentWrite.Replace(indexKey.Id, listed, index.ETag));
            }

            try
            {
                await documents.CommitAsync(stored.Key.Container, stored.Key.Partition, writes, cancellationToken);
                break;
            }
            catch (DocumentStoreException)
            {
                // Another run finished first: what it stored is the answer. Unless only the index changed meanwhile (the
                // panel's other minutes going final): then the minutes are as they were, and this tries again.
                var now = await documents.ReadAsync<MeetingMinutes>(stored.Key, cancellationToken);
                if (attempt < 3 && now?.ETag == stored.ETag)
                {
                    continue;
                }

                return now;
            }
            catch (DocumentOutcomeUnknownException)
            {
                // Read back: finished, or left finalising for the outbox to finish.
                return await documents.ReadAsync<MeetingMinutes>(stored.Key, cancellationToken);
            }
        }

        await outbox.NudgeAsync(stored.Key.Container, stored.Key.Partition, [circulation], cancellationToken);
        return await documents.ReadAsync<MeetingMinutes>(stored.Key, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Minutes {MeetingId}: decision {Index} could no longer be applied and is recorded as not applied")]
    private static partial void LogNotApplied(ILogger logger, Exception exception, string meetingId, int index);
}
