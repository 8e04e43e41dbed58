using Iom.Application.Referrals;
using Iom.Application.Referrals.Read;
using Iom.Domain.Referrals;

namespace Iom.Application.People;

/// <summary>A referral as exported: what the API's <see cref="ReferralView"/> shows plus the person id and match keys.</summary>
public sealed record ExportedReferral(
    string Id,
    string PersonId,
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
    IReadOnlyList<string> MatchKeys,
    IReadOnlyList<ReferralView.StatusChangeView> History,
    WithdrawalReason? WithdrawalReason,
    string? WithdrawalNote)
{
    public static ExportedReferral Of(Referral referral, Iom.Domain.Wards.WardList wards)
    {
        var view = ReferralView.Of(referral, wards);
        return new ExportedReferral(view.Id, referral.PersonId, view.Reference, view.ReferralType, view.Panel, view.Status, view.MeetingDate,
            view.Person, view.Reason, view.OffenceTypes, view.Drivers, view.RiskOfSeriousHarm, view.MappaLevel, view.MaracCase, view.AssetScore,
            view.OgrsScore, view.Statutory, view.Emergency, view.Referrer, view.ReferringAgency, view.SubmittedBy, view.SubmittedAt, view.DecidedBy,
            [.. referral.MatchKeys], view.History, view.WithdrawalReason, view.WithdrawalNote);
    }
}
