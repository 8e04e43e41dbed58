namespace Iom.Domain.Referrals;

/// <summary>A message about the referral must be sent (once) because of this change.</summary>
public sealed record MessageDue(ReferralMessage Message) : ReferralEffect;
