using Iom.Domain.Referrals;

namespace Iom.Application.Referrals.Read;

/// <summary>One line of a panel's referral list: references, dates and statuses, no personal data.</summary>
public sealed record ReferralSummary(
    string Id,
    string Reference,
    PanelCode Panel,
    ReferralStatus Status,
    DateOnly? MeetingDate,
    bool Emergency,
    string ReferringAgency,
    DateTimeOffset SubmittedAt)
{
    public static ReferralSummary Of(ReferralListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new ReferralSummary(listing.ReferralId, listing.Reference, listing.Panel, listing.Status, listing.MeetingDate,
            listing.Emergency, listing.ReferringAgency, listing.SubmittedAt);
    }
}
