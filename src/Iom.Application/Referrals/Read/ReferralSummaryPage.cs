using Iom.Application.Api;

namespace Iom.Application.Referrals.Read;

/// <summary>A page of a panel's referral list.</summary>
public sealed record ReferralSummaryPage(IReadOnlyList<ReferralSummary> Items, int Page, int PageSize, int Total) : IApiResponse
{
    public static ReferralSummaryPage Of(ReferralPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new ReferralSummaryPage([.. page.Items.Select(ReferralSummary.Of)], page.Page, page.PageSize, page.Total);
    }
}
