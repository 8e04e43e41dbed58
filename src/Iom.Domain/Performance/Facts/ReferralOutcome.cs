using Iom.Domain.Referrals;

namespace Iom.Domain.Performance.Facts;

/// <summary>One panel outcome or withdrawal of a referral, on the London date it was recorded.</summary>
public sealed record ReferralOutcome(ReferralStatus Outcome, DateOnly On);
