using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels;

/// <summary>A panel meeting: one a day per panel, in the panel's partition of the panels container.</summary>
[DocumentKind("meeting")]
public sealed record Meeting(PanelCode Panel, DateOnly Date, TimeOnly StartTime, string? Location, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static DocumentKey KeyOf(PanelCode panel, DateOnly date) =>
        new(Containers.Panels, PanelDirectory.Code(panel), $"meeting-{date:yyyy-MM-dd}");
}

public sealed class MeetingCalendar(IDocumentStore documents)
{
    /// <summary>The panel's meetings on or after <paramref name="from"/>, earliest first.</summary>
    public async Task<IReadOnlyList<Meeting>> UpcomingAsync(PanelCode panel, DateOnly from, CancellationToken cancellationToken)
    {
        var meetings = new List<Meeting>();
        await foreach (var stored in documents.ReadPartitionAsync<Meeting>(Containers.Panels, PanelDirectory.Code(panel), cancellationToken))
        {
            if (stored.Value.Date >= from)
            {
                meetings.Add(stored.Value);
            }
        }

        return meetings.OrderBy(m => m.Date).ToList();
    }
}
