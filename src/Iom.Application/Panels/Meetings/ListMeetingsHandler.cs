using System.Globalization;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Panels.Meetings;

/// <summary>
/// A panel's meetings between two dates, scheduled and cancelled, earliest first: one query of the panel's meetings
/// partition by the date index, a page at a time. No count of listed referrals: that would be a query per meeting
/// over the panel's listings; <c>GET /api/referrals?panel=&amp;meeting=</c> answers it for one meeting.
/// </summary>
public sealed class ListMeetingsHandler(IDocumentStore documents)
{
    public const int MaxPageSize = 100;

    public async Task<MeetingPage> HandleAsync(MeetingQuery query, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        actor.Reach(query.Panel, PanelDirectory.NotFound);
        List<FieldFilter> filters = [FieldFilter.AtLeast("date", Day(query.From))];
        if (query.To is { } to)
        {
            filters.Add(FieldFilter.Before("date", Day(to.AddDays(1))));
        }

        try
        {
            var page = await documents.QueryAsync<Meeting>(new DocumentQuery(Containers.Panels, Meeting.PartitionOf(query.Panel))
            {
                Filters = filters,
                OrderBy = "date",
                PageSize = query.PageSize,
                Continuation = query.Continuation,
            }, cancellationToken);
            return new MeetingPage([.. page.Items.Select(m => m.Value)], page.Continuation);
        }
        catch (InvalidContinuationException)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["continuation"] = ["The continuation is not one this list gave: start again from the first page"],
            });
        }
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
