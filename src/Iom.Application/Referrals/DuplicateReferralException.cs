using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

/// <summary>
/// A match key is held by another referral: the same person is already referred (<paramref name="holder"/>), or being
/// referred right now (its referral not stored yet, or unknown if the clash was lost in a race). Telling the caller is
/// a disclosure about that person, so the submission audits it before it answers (SubmitReferralHandler).
/// </summary>
public sealed class DuplicateReferralException(string? personId, string? referralId, Referral? holder)
    : Exception("The person already has an open referral, or one is being submitted.")
{
    public string? PersonId { get; } = personId;
    public string? ReferralId { get; } = referralId;
    public Referral? Holder { get; } = holder;
}
