using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Panels.Minutes;

namespace Iom.Application.Panels.Minutes;

/// <summary>
/// Saves a meeting's minutes with optimistic concurrency: the first save needs no ETag (or <c>If-None-Match: *</c>),
/// every later one the ETag it read (<c>If-Match</c>), so of two concurrent edits one wins and the other gets 412 and
/// nothing of either is lost. Saving final minutes with a change summary starts an amendment (the next version).
/// Minutes name the people decided about, so a save is an alteration in each one's audit log, recorded before the write.
/// </summary>
public sealed class SaveMinutesHandler(IDocumentStore documents, AuditTrail audit, IPanelRosters rosters, TimeProvider time)
{
    public const string Purpose = "Panel administration: recording the minutes and decisions of a panel meeting";

    public async Task<StoredMinutes> HandleAsync(
        string meetingId, SaveMinutesRequest request, string? ifMatch, bool ifNoneMatchAny, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var (id, meeting, current) = await MinutesMeetings.FindWithMinutesAsync(documents, meetingId, actor, cancellationToken);
        var key = MinutesDocuments.KeyOf(id);
        CheckPreconditions(current, ifMatch, ifNoneMatchAny);

        var now = time.GetUtcNow();
        var roster = await rosters.OnDayAsync(id.Panel, meeting.Date, cancellationToken);
        var amended = await AmendedContentAsync(id, current?.Value, cancellationToken);
        var content = await new MinutesInputReader(documents).ReadAsync(request, meeting, roster, amended, LondonTime.LondonDate(now), cancellationToken);
        MeetingMinutes next;
        try
        {
            next = current is null
                ? MeetingMinutes.Draft(id, meeting.Date, content, actor.Caller.UserId, now)
                : current.Value.Save(content, request.ChangeSummary, amended, actor.Caller.UserId, now);
        }
        catch (MinutesRuleException broken)
        {
            throw MinutesMeetings.Refusal(broken);
        }

        // Recorded before the write, in each person's chain (they are separate partitions): a change is never stored
        // without its record; a save refused after this point leaves a record of an attempt, never the reverse.
        var people = content.PeopleIds.Union(current?.Value.Content.PeopleIds ?? [], StringComparer.Ordinal).ToList();
        var operation = current is null ? AuditOperation.Collection : AuditOperation.Alteration;
        await Task.WhenAll(people.Select(person => audit.CommitAsync(
            actor.Entry(person, operation, $"minutes/{id}/v{next.Version}", now) with { DisclosureId = $"minutes-save:{actor.CorrelationId}", DisclosurePeople = people.Count },
            [], cancellationToken)));

        try
        {
            var stored = current is null
                ? await documents.CreateAsync(key, next, cancellationToken)
                : await documents.ReplaceAsync(key, next, current.ETag, cancellationToken);
            return new StoredMinutes(stored.Value, stored.ETag);
        }
        catch (DocumentConflictException)
        {
            // Two first saves at once: the other one won.
            throw Stale();
        }
    }

    private static void CheckPreconditions(StoredDocument<MeetingMinutes>? current, string? ifMatch, bool ifNoneMatchAny)
    {
        if (current is null)
        {
            if (ifMatch is not null && ifMatch.Trim() != "*")
            {
                throw Stale();
            }

            return;
        }

        if (ifNoneMatchAny)
        {
            throw Stale();
        }

        if (ifMatch is null)
        {
            throw new RefusalException(RefusalKind.Stale, "if-match-required", "These minutes exist already: send the ETag you read in If-Match.");
        }

        if (!MinutesMeetings.Matches(ifMatch, current.ETag))
        {
            throw Stale();
        }
    }

    private async Task<MinutesContent?> AmendedContentAsync(Domain.Panels.MeetingId id, MeetingMinutes? current, CancellationToken cancellationToken)
    {
        if (current is null)
        {
            return null;
        }

        if (current.Status == MinutesStatus.Final)
        {
            return current.Content;
        }

        if (current.Amendment is not { } amendment)
        {
            return null;
        }

        var final = await documents.ReadAsync<MeetingMinutes>(MinutesDocuments.VersionKeyOf(id, amendment.Amends), cancellationToken)
            ?? throw new InvalidOperationException($"Minutes {id} amend version {amendment.Amends}, which is not stored.");
        return final.Value.Content;
    }

    private static RefusalException Stale() =>
        new(RefusalKind.Stale, "stale", "Someone else changed these minutes first.", "Read them again and retry with the new ETag.");
}
