namespace Iom.Domain.Referrals;

/// <summary>One move in a referral's history: from, to, when, by whom and why (a reason's wire name or a short note).</summary>
public sealed record StatusChange(ReferralStatus From, ReferralStatus To, DateTimeOffset At, string ByUserId, string? Reason);
