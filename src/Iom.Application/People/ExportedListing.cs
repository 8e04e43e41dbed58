using Iom.Application.Referrals;
using Iom.Domain.Referrals;

namespace Iom.Application.People;

/// <summary>A panel's listing of one of the person's referrals, as exported.</summary>
public sealed record ExportedListing(
    string ReferralId,
    string PersonId,
    string Reference,
    PanelCode Panel,
    ReferralStatus Status,
    DateOnly? MeetingDate,
    bool Emergency,
    string ReferringAgency,
    DateTimeOffset SubmittedAt)
{
    public static ExportedListing Of(ReferralListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new ExportedListing(listing.ReferralId, listing.PersonId, listing.Reference, listing.Panel, listing.Status,
            listing.MeetingDate, listing.Emergency, listing.ReferringAgency, listing.SubmittedAt);
    }
}
