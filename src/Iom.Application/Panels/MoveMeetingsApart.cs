using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels;

/// <summary>
/// Moves meetings stored before they had a partition of their own (in the panel's partition, beside its listings)
/// to <see cref="Meeting.PartitionOf"/>. Run by the listing upkeep job; once a store has none left, it costs one
/// empty query per panel. Safe to repeat or interrupt: a meeting is created in its new place (one already there
/// wins) before the old copy is deleted.
/// </summary>
public sealed class MoveMeetingsApart(IDocumentStore documents)
{
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var panel in Enum.GetValues<PanelCode>())
        {
            var old = new DocumentQuery(Containers.Panels, PanelDirectory.Code(panel)) { PageSize = 100 };
            DocumentPage<Meeting> page;
            do
            {
                // Each page starts afresh: the documents of the page before are deleted by then.
                page = await documents.QueryAsync<Meeting>(old, cancellationToken);
                foreach (var stored in page.Items)
                {
                    try
                    {
                        await documents.CreateAsync(Meeting.KeyOf(panel, stored.Value.Date), stored.Value, cancellationToken);
                    }
                    catch (DocumentConflictException)
                    {
                        // Created since in the new place: that one stands.
                    }

                    await documents.DeleteAsync(stored.Key, stored.ETag, cancellationToken);
                    moved++;
                }
            }
            while (page.Continuation is not null);
        }

        return moved;
    }
}
