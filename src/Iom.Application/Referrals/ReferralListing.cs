using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

/// <summary>
/// The panel's view of a referral, in the panel's partition of the panels container, so co-ordinators can list a
/// panel's referrals without crossing partitions. It carries no personal data: references, dates and statuses.
/// The referral document is the truth; a listing whose referral does not exist is ignored.
/// </summary>
[DocumentKind("referral-listing")]
public sealed record ReferralListing(
    string ReferralId,
    string PersonId,
    string Reference,
    PanelCode Panel,
    ReferralStatus Status,
    DateOnly? MeetingDate,
    bool Emergency,
    string ReferringAgency,
    DateTimeOffset SubmittedAt,
    ReferralType? ReferralType = null);
