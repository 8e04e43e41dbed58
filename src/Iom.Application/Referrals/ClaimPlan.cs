using Iom.Application.Ports.Documents;

namespace Iom.Application.Referrals;

/// <summary>
/// What reading a submission's match keys found (<see cref="IdentityClaims.ReadAsync"/>): each key's claim, if any,
/// and the person the referral belongs to. Taking the keys (<see cref="IdentityClaims.TakeAsync"/>) writes from it.
/// </summary>
/// <param name="KnownPerson">A key was claimed before: the person keeps that id, and this referral joins their records.</param>
public sealed record ClaimPlan(string PersonId, string ReferralId, IReadOnlyList<ExistingClaim> Existing, bool KnownPerson)
{
    /// <summary>Whether any key is claimed already, so its holder must be checked.</summary>
    public bool AnyClaimed => Existing.Any(e => e.Claim is not null);
}
