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
    DateTimeOffset SubmittedAt);

/// <summary>
/// "This person is known": one per match key (PNC, CRO, NOMS, CRN, names + date of birth), created only if absent,
/// so the duplicate check is atomic and costs one write per key. Lives in the identities container, partitioned by
/// its own id.
/// </summary>
[DocumentKind("identity-claim")]
public sealed record IdentityClaim(string Key, string PersonId, string ReferralId, DateTimeOffset ClaimedAt);

/// <summary>Finds a referral's partition (its person) from its id; also reserves references.</summary>
[DocumentKind("referral-locator")]
public sealed record ReferralLocator(string ReferralId, string PersonId, string Reference);
