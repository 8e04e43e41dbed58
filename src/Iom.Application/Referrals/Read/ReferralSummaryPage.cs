using Iom.Application.Api;

namespace Iom.Application.Referrals.Read;

/// <summary>
/// A page of a panel's referral list and the link to the next page (absent on the last). Paged by continuation,
/// not by page number: a page costs the same however long the panel's history (docs/referrals.md).
/// </summary>
public sealed record ReferralSummaryPage(IReadOnlyList<ReferralSummary> Items, string? Next) : IApiResponse
{
    public static ReferralSummaryPage Of(ReferralPage page, Func<string, string> nextLink)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(nextLink);
        return new ReferralSummaryPage([.. page.Items.Select(ReferralSummary.Of)], page.Continuation is null ? null : nextLink(page.Continuation));
    }
}
