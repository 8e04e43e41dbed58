using Iom.Domain.Wire;

namespace Iom.Domain.Referrals;

/// <summary>Where a referral stands in intake; the allowed moves are in <see cref="ReferralStatusRules"/>.</summary>
public enum ReferralStatus
{
    [WireName("listed")] Listed,
    [WireName("awaiting-meeting")] AwaitingMeeting,
    [WireName("selected")] Selected,
    [WireName("declined")] Declined,
    [WireName("deferred")] Deferred,
    [WireName("withdrawn")] Withdrawn,
}
