namespace Iom.Application.Panels.Minutes;

/// <summary>What a referrer is told of the panel's decision on their referral: reference, outcome and reason code, no person details.</summary>
/// <param name="Outcome">The decision's wire name: selected, declined, deferred.</param>
public sealed record ReferralOutcomeNotice(string ReferralId, string Reference, string PersonId, string Outcome, string ReasonCode, string ReferrerEmail);
