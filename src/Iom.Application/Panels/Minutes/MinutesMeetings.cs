using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Minutes;

namespace Iom.Application.Panels.Minutes;

/// <summary>Finds the meeting a minutes request names, within the caller's reach (the panel's object rule), and refuses the minutes' rules as problems.</summary>
public static class MinutesMeetings
{
    public static RefusalException NotFound() => new(RefusalKind.NotFound, "not-found", "There is no such meeting.");

    public static RefusalException NoMinutes() => new(RefusalKind.NotFound, "not-found", "This meeting has no minutes of that version yet.");

    /// <summary>The meeting, if the id is well formed, the caller reaches its panel and it exists; otherwise 404.</summary>
    public static async Task<(MeetingId Id, Meeting Meeting)> FindAsync(IDocumentStore documents, string meetingId, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(actor);
        if (!MeetingId.TryParse(meetingId, out var id))
        {
            throw NotFound();
        }

        actor.Reach(id.Panel, NotFound);
        var meeting = await documents.ReadAsync<Meeting>(Meeting.KeyOf(id.Panel, id.Scheduled), cancellationToken) ?? throw NotFound();
        return (id, meeting.Value);
    }

    /// <summary>As <see cref="FindAsync"/>, reading the meeting's current minutes in the same round trip.</summary>
    public static async Task<(MeetingId Id, Meeting Meeting, StoredDocument<MeetingMinutes>? Minutes)> FindWithMinutesAsync(
        IDocumentStore documents, string meetingId, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(actor);
        if (!MeetingId.TryParse(meetingId, out var id))
        {
            throw NotFound();
        }

        actor.Reach(id.Panel, NotFound);
        var meeting = documents.ReadAsync<Meeting>(Meeting.KeyOf(id.Panel, id.Scheduled), cancellationToken);
        var minutes = documents.ReadAsync<MeetingMinutes>(MinutesDocuments.KeyOf(id), cancellationToken);
        return (id, (await meeting ?? throw NotFound()).Value, await minutes);
    }

    /// <summary>A broken rule as problem details: editing minutes that are final or being finalised is a conflict (409), any other rule 422.</summary>
    public static RefusalException Refusal(MinutesRuleException broken)
    {
        ArgumentNullException.ThrowIfNull(broken);
        var kind = broken.Reason is MeetingMinutes.Final or MeetingMinutes.Finalising ? RefusalKind.Conflict : RefusalKind.Unprocessable;
        var extensions = new Dictionary<string, object?> { ["rule"] = broken.Reason };
        if (broken.DecisionIndex is { } index)
        {
            extensions["decision"] = index;
        }

        return new RefusalException(kind, broken.Reason, broken.Message, null, extensions);
    }

    /// <summary>An HTTP entity tag for a stored ETag (quoted once), and whether an <c>If-Match</c> value names it.</summary>
    public static string EntityTag(string storeETag)
    {
        ArgumentNullException.ThrowIfNull(storeETag);
        return "\"" + storeETag.Trim('"') + "\"";
    }

    public static bool Matches(string? ifMatch, string storeETag) =>
        ifMatch is not null && ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == EntityTag(storeETag));
}
