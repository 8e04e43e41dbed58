using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

public sealed record PersonDetails(
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string Gender,
    string? Ethnicity,
    string? PncId,
    string? CroNumber,
    string? PrisonNumber,
    string? Crn,
    string? Postcode,
    string? Ward);

public sealed record ReferrerDetails(string Name, string Email, string? Phone);

/// <summary>Which rule decided where the referral went (or why it was refused), and the inputs it used.</summary>
public sealed record RoutingDecision(string Rule, IReadOnlyDictionary<string, string> Inputs, PanelCode? Panel);

public sealed record StatusChange(ReferralStatus From, ReferralStatus To, DateTimeOffset At, string ByUserId, string? Reason);

/// <summary>A referral: the source of truth, in the person's partition of the people container.</summary>
[DocumentKind("referral")]
public sealed record Referral(
    string Id,
    string PersonId,
    string Reference,
    ReferralType ReferralType,
    PanelCode Panel,
    ReferralStatus Status,
    DateOnly? MeetingDate,
    PersonDetails Person,
    string Reason,
    IReadOnlyList<string> OffenceTypes,
    IReadOnlyList<string> Drivers,
    RiskOfSeriousHarm RiskOfSeriousHarm,
    int MappaLevel,
    bool MaracCase,
    int? AssetScore,
    int? OgrsScore,
    bool Statutory,
    bool Emergency,
    ReferrerDetails Referrer,
    string ReferringAgency,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    RoutingDecision DecidedBy,
    IReadOnlyList<string> MatchKeys,
    IReadOnlyList<StatusChange> History,
    WithdrawalReason? WithdrawalReason = null,
    string? WithdrawalNote = null);

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
