using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;

namespace Iom.Application.Panels.Meetings;

/// <summary>One meeting by its id, with its ETag, for a caller who may see its panel.</summary>
public sealed class GetMeetingHandler(IDocumentStore documents)
{
    public static RefusalException NotFound() => new(RefusalKind.NotFound, "not-found", "There is no such meeting.");

    public async Task<StoredDocument<Meeting>> HandleAsync(MeetingId id, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        // The panel first: a caller who may not see it learns nothing about its meetings, not even by timing a read.
        actor.Reach(id.Panel, NotFound);
        return await documents.ReadAsync<Meeting>(Meeting.KeyOf(id), cancellationToken) ?? throw NotFound();
    }
}
