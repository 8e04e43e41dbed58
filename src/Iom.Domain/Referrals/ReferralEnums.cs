using Iom.Domain.Wire;

namespace Iom.Domain.Referrals;

// Each member's [WireName] is how it is stored and sent (JSON, form values, query strings, messages, docs): see
// WireNames. The names are data: changing one changes stored documents and the API.

/// <summary>What the referrer asks for; the panel is decided by <see cref="Eligibility"/>, not by this alone.</summary>
public enum ReferralType
{
    [WireName("iom")] Iom,
    [WireName("asb")] Asb,
    [WireName("dyo")] Dyo,
}

/// <summary>Assessed risk of serious harm to others. There is no "none": the lowest assessment is low.</summary>
public enum RiskOfSeriousHarm
{
    [WireName("low")] Low,
    [WireName("medium")] Medium,
    [WireName("high")] High,
    [WireName("very-high")] VeryHigh,
}

/// <summary>The bodies of the Richmond model: three monthly panels and the strategic group that oversees them.</summary>
public enum PanelCode
{
    [WireName("iom")] Iom,
    [WireName("asb")] Asb,
    [WireName("dyo")] Dyo,
    [WireName("strategic-group")] StrategicGroup,
}

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
