using System.Globalization;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels;

public sealed class MeetingCalendar(IDocumentStore documents)
{
    /// <summary>
    /// How many upcoming meetings are read. A panel meets at most once a day and the listing cutoff is at most 60
    /// working days (under 90 calendar days), so the meeting a referral takes is always among the first 100.
    /// </summary>
    public const int MaxUpcoming = 100;

    /// <summary>
    /// The panel's meetings on or after <paramref name="from"/> that are not cancelled, earliest first: one filtered
    /// query, one page. A cancelled meeting is never offered for listing; it is left out here rather than by the query,
    /// since meetings stored before cancelling existed have no status (and cancellations are few).
    /// </summary>
    public async Task<IReadOnlyList<Meeting>> UpcomingAsync(PanelCode panel, DateOnly from, CancellationToken cancellationToken)
    {
        var page = await documents.QueryAsync<Meeting>(new DocumentQuery(Containers.Panels, Meeting.PartitionOf(panel))
        {
            Filters = [FieldFilter.AtLeast("date", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
            OrderBy = "date",
            PageSize = MaxUpcoming,
        }, cancellationToken);
        return [.. page.Items.Select(m => m.Value).Where(m => m.Status == MeetingStatus.Scheduled)];
    }
}
