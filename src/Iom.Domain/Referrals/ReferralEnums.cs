namespace Iom.Domain.Referrals;

// Stored and sent as kebab-case lower strings (JsonStringEnumConverter with JsonNamingPolicy.KebabCaseLower):
// "very-high", "awaiting-meeting", "strategic-group". Renaming a member changes stored data.

/// <summary>What the referrer asks for; the panel is decided by <see cref="Eligibility"/>, not by this alone.</summary>
public enum ReferralType
{
    Iom,
    Asb,
    Dyo,
}

/// <summary>Assessed risk of serious harm to others. There is no "none": the lowest assessment is low.</summary>
public enum RiskOfSeriousHarm
{
    Low,
    Medium,
    High,
    VeryHigh,
}

/// <summary>The bodies of the Richmond model: three monthly panels and the strategic group that oversees them.</summary>
public enum PanelCode
{
    Iom,
    Asb,
    Dyo,
    StrategicGroup,
}

/// <summary>Where a referral stands in intake; the allowed moves are in <see cref="ReferralStatusRules"/>.</summary>
public enum ReferralStatus
{
    Listed,
    AwaitingMeeting,
    Selected,
    Declined,
    Deferred,
    Withdrawn,
}

/// <summary>Why a referral was withdrawn; recorded with the move to <see cref="ReferralStatus.Withdrawn"/>.</summary>
public enum WithdrawalReason
{
    NoLongerMeetsCriteria,
    PersonInCustody,
    PersonMovedAway,
    PersonDied,
    ReferredInError,
    OtherAgencyLeads,
    Other,
}
