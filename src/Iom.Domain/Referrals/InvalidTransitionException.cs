namespace Iom.Domain.Referrals;

/// <summary>A move that <see cref="ReferralStatusRules"/> does not allow; nothing was changed.</summary>
public sealed class InvalidTransitionException(ReferralStatus from, ReferralStatus to)
    : InvalidOperationException($"A referral that is {from} cannot become {to}.")
{
    public ReferralStatus From { get; } = from;

    public ReferralStatus To { get; } = to;
}
