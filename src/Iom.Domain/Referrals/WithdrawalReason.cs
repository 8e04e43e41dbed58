using Iom.Domain.Wire;

namespace Iom.Domain.Referrals;

/// <summary>Why a referral was withdrawn; recorded with the move to <see cref="ReferralStatus.Withdrawn"/>.</summary>
public enum WithdrawalReason
{
    [WireName("no-longer-meets-criteria")] NoLongerMeetsCriteria,
    [WireName("person-in-custody")] PersonInCustody,
    [WireName("person-moved-away")] PersonMovedAway,
    [WireName("person-died")] PersonDied,
    [WireName("referred-in-error")] ReferredInError,
    [WireName("other-agency-leads")] OtherAgencyLeads,
    [WireName("other")] Other,
}
