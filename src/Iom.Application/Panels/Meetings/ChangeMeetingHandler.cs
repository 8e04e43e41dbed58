using System.Globalization;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;

namespace Iom.Application.Panels.Meetings;

/// <summary>
/// A co-ordinator cancels or moves a meeting. The meeting keeps its id and document key; its date, status and
/// iCalendar sequence change. Its side effects are outbox entries in the same commit, in the meetings' partition:
/// <see cref="PanelQueues.MeetingChanged"/> (circulation updates or cancels the invitations), and, when the meeting
/// leaves its date, a relisting pass for the referrals listed for that date (<see cref="ReferralQueues.Relisting"/>).
/// The replace carries the ETag read, so of two concurrent changes one wins and the other gets 412.
/// </summary>
public sealed class ChangeMeetingHandler(IDocumentStore documents, OutboxRelay outbox, WorkingDayCalendar calendar, TimeProvider time)
{
    public const string Purpose = "Panel administration: arranging meetings";

    public async Task<Meeting> CancelAsync(MeetingId id, CancelMeetingRequest request, string? ifMatch, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > Meeting.MaxReasonLength || reason.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["reason"] = [$"Say why the meeting is cancelled, on one line of at most {Meeting.MaxReasonLength} characters"],
            });
        }

        var stored = await LoadAsync(id, ifMatch, actor, cancellationToken);
        var now = time.GetUtcNow();
        var cancelled = Apply(() => stored.Value.Cancel(reason, now, actor.Caller.UserId));
        await CommitAsync(stored, cancelled, actor, now, cancellationToken);
        return cancelled;
    }

    public async Task<Meeting> MoveAsync(MeetingId id, MoveMeetingRequest request, string? ifMatch, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new Dictionary<string, string[]>();
        if (!DateOnly.TryParseExact(request.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors["date"] = ["Enter the new date as a real date, written YYYY-MM-DD"];
        }

        TimeOnly? startTime = null;
        if (request.StartTime is not null)
        {
            if (TimeOnly.TryParseExact(request.StartTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                startTime = parsed;
            }
            else
            {
                errors["startTime"] = ["Enter the start time as HH:mm, like 10:00"];
            }
        }

        if (request.Location is { Length: > CreateMeetingsHandler.MaxLocationLength })
        {
            errors["location"] = [$"The location must be {CreateMeetingsHandler.MaxLocationLength} characters or fewer"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var stored = await LoadAsync(id, ifMatch, actor, cancellationToken);
        var meeting = stored.Value;
        var location = request.Location is null ? meeting.Location : string.IsNullOrWhiteSpace(request.Location) ? null : request.Location.Trim();
        var panelMeetsThatDay = date != meeting.Date && await PanelMeetsOnAsync(id.Panel, date, stored.Key, cancellationToken);
        var now = time.GetUtcNow();
        var moved = Apply(() => meeting.MoveTo(date, startTime ?? meeting.StartTime, location, panelMeetsThatDay, calendar, now, actor.Caller.UserId));
        await CommitAsync(stored, moved, actor, now, cancellationToken);
        return moved;
    }

    private async Task<StoredDocument<Meeting>> LoadAsync(MeetingId id, string? ifMatch, ActingAs actor, CancellationToken cancellationToken)
    {
        actor.Reach(id.Panel, GetMeetingHandler.NotFound);
        var stored = await documents.ReadAsync<Meeting>(Meeting.KeyOf(id), cancellationToken) ?? throw GetMeetingHandler.NotFound();
        if (ifMatch is not null && ifMatch != "*" && ifMatch != MeetingETag.Of(stored))
        {
            throw new RefusalException(RefusalKind.Stale, "stale", "Someone else changed this meeting first.", "Read it again and retry.");
        }

        return stored;
    }

    // Another meeting of the panel, not cancelled, on that day: by the date index, since a moved meeting is keyed by its first date.
    private async Task<bool> PanelMeetsOnAsync(Domain.Referrals.PanelCode panel, DateOnly date, DocumentKey self, CancellationToken cancellationToken)
    {
        var page = await documents.QueryAsync<Meeting>(new DocumentQuery(Containers.Panels, Meeting.PartitionOf(panel))
        {
            Filters = [FieldFilter.EqualTo("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
            OrderBy = "date",
            PageSize = 10,
        }, cancellationToken);
        return page.Items.Any(m => m.Key.Id != self.Id && m.Value.Status == MeetingStatus.Scheduled);
    }

    private static Meeting Apply(Func<Meeting> change)
    {
        try
        {
            return change();
        }
        catch (MeetingRuleException refused)
        {
            throw new RefusalException(refused.StateConflict ? RefusalKind.Conflict : RefusalKind.Unprocessable, refused.Rule, refused.Message);
        }
    }

    private async Task CommitAsync(StoredDocument<Meeting> stored, Meeting changed, ActingAs actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = changed.Id().ToString();
        // Named by the meeting and its sequence: a repeated commit of the same change conflicts instead of queueing twice.
        List<OutboxEntry> entries =
        [
            OutboxEntry.For($"meeting-changed-{id}-{changed.Sequence}", PanelQueues.MeetingChanged,
                new MeetingChanged(id, changed.Sequence, changed.Status == MeetingStatus.Cancelled) { CorrelationId = actor.CorrelationId }, now),
        ];
        if (changed.Status == MeetingStatus.Cancelled || changed.Date != stored.Value.Date)
        {
            entries.Add(OutboxEntry.For($"relist-{id}-{changed.Sequence}", ReferralQueues.Relisting,
                new RelistPanelMessage(changed.Panel) { CorrelationId = actor.CorrelationId, Meeting = id, Vacated = stored.Value.Date }, now));
        }

        await documents.CommitAsync(stored.Key.Container, stored.Key.Partition,
            [DocumentWrite.Replace(stored.Key.Id, changed, stored.ETag), .. entries.Select(e => e.Write())], cancellationToken);
        await outbox.NudgeAsync(stored.Key.Container, stored.Key.Partition, entries, cancellationToken);
    }
}
