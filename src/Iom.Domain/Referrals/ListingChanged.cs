namespace Iom.Domain.Referrals;

/// <summary>The panel's listing of the referral must now show this status and meeting.</summary>
public sealed record ListingChanged(PanelCode Panel, ReferralStatus Status, DateOnly? MeetingDate) : ReferralEffect;
