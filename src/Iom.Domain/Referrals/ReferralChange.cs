namespace Iom.Domain.Referrals;

/// <summary>The referral after a change, and the effects that must be committed with it.</summary>
public sealed record ReferralChange(Referral Referral, IReadOnlyList<ReferralEffect> Effects);
