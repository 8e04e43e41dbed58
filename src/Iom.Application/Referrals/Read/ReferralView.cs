using Iom.Application.Api;
using Iom.Domain.Referrals;
using Iom.Domain.Wards;
using Iom.Domain.Wire;

namespace Iom.Application.Referrals.Read;

/// <summary>
/// A referral as the API shows it to those who may read it. Not the match keys (the person's identifiers again, in
/// index form) nor the person id (an internal partition key).
/// </summary>
/// <remarks>
/// The person's <c>ward</c> is the ward's ONS code and <c>wardName</c> its configured name; a referral stored before
/// wards were codes shows its free text as <c>ward</c>, without a name, until the ward mapping has run.
/// </remarks>
public sealed record ReferralView(
    string Id,
    string Reference,
    ReferralType ReferralType,
    PanelCode Panel,
    ReferralStatus Status,
    DateOnly? MeetingDate,
    ReferralView.PersonView Person,
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
    ReferralView.ReferrerView Referrer,
    string ReferringAgency,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    RoutingDecisionView DecidedBy,
    IReadOnlyList<ReferralView.StatusChangeView> History,
    WithdrawalReason? WithdrawalReason,
    string? WithdrawalNote) : IApiResponse
{
    /// <param name="wards">The configured wards, for the name beside a ward's code (none for free text not yet mapped).</param>
    public static ReferralView Of(Referral referral, WardList wards)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(wards);
        var p = referral.Person;
        return new ReferralView(
            referral.Id,
            referral.Reference,
            referral.ReferralType,
            referral.Panel,
            referral.Status,
            referral.MeetingDate,
            new PersonView(p.GivenName, p.FamilyName, p.DateOfBirth, p.Gender, p.Ethnicity, p.PncId, p.CroNumber, p.PrisonNumber, p.Crn, p.Postcode, p.Ward, wards.Find(p.Ward)?.Name),
            referral.Reason,
            [.. referral.OffenceTypes],
            [.. referral.Drivers],
            referral.RiskOfSeriousHarm,
            referral.MappaLevel,
            referral.MaracCase,
            referral.AssetScore,
            referral.OgrsScore,
            referral.Statutory,
            referral.Emergency,
            new ReferrerView(referral.Referrer.Name, referral.Referrer.Email, referral.Referrer.Phone),
            referral.ReferringAgency,
            referral.SubmittedBy,
            referral.SubmittedAt,
            RoutingDecisionView.Of(referral.DecidedBy),
            [.. referral.History.Select(h => new StatusChangeView(h.From, h.To, h.At, h.ByUserId, h.Reason))],
            referral.WithdrawalReason,
            referral.WithdrawalNote);
    }

    /// <summary>A status's name on the wire (JSON, query strings, pages).</summary>
    public static string StatusName(ReferralStatus status) => WireNames.Of(status);

    public sealed record PersonView(
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
        [property: System.ComponentModel.Description("The ONS code of the person's ward; on a referral stored before wards were codes and not yet mapped, the free text given.")]
        string? Ward,
        [property: System.ComponentModel.Description("The configured name of the ward, when ward is one of the configured codes.")]
        string? WardName);

    public sealed record ReferrerView(string Name, string Email, string? Phone);

    public sealed record StatusChangeView(ReferralStatus From, ReferralStatus To, DateTimeOffset At, string ByUserId, string? Reason);
}
