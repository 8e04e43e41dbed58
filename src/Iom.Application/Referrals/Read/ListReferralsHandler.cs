using Iom.Application.Api;
using Iom.Application.Audit;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals.Read;

/// <summary>
/// A panel's referrals for co-ordinators and the panel's own members (the agenda in the making): references, dates
/// and statuses, no personal data, oldest submission first. One filtered query of the panel's listings (status and
/// meeting are served by the index, infra/containers.json) gives one page and the next page's token; its cost is
/// the page, whatever the panel's history. The referral is the truth: each listing of the page is checked against it
/// by point reads made in parallel (at most a page of them), so a listing left by a failed submission is never
/// shown, and a stale one is shown as the referral now is, or left out when that no longer matches the filters.
/// Nothing is written: mending listings is <see cref="ReferralListingUpkeep"/>'s job.
/// </summary>
public sealed class ListReferralsHandler(IDocumentStore documents)
{
    public const int MaxPageSize = 100;

    public async Task<ReferralPage> HandleAsync(ReferralQuery query, ActingAs actor, CancellationToken cancellationToken)
    {
        actor.Reach(query.Panel, PanelDirectory.NotFound);
        var filters = new List<FieldFilter>();
        if (query.Meeting is { } meeting)
        {
            filters.Add(FieldFilter.EqualTo("meetingDate", meeting.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (query.Status is { } status)
        {
            filters.Add(FieldFilter.EqualTo("status", DocumentJson.ToElement(status).GetString()!));
        }

        var page = await documents.PageAsync<ReferralListing>(new DocumentQuery(Containers.Panels, PanelDirectory.Code(query.Panel))
        {
            Filters = filters,
            OrderBy = "submittedAt",
            PageSize = query.PageSize,
            Continuation = query.Continuation,
        }, cancellationToken);

        var truths = await Task.WhenAll(page.Items.Select(stored =>
            documents.ReadAsync<Referral>(ReferralStore.KeyOf(stored.Value.PersonId, stored.Value.ReferralId), cancellationToken)));
        var items = truths.OfType<StoredDocument<Referral>>()
            .Select(truth => ReferralListings.Of(truth.Value))
            .Where(listing => (query.Meeting is null || listing.MeetingDate == query.Meeting) && (query.Status is null || listing.Status == query.Status))
            .ToList();
        return new ReferralPage(items, page.Continuation);
    }
}
