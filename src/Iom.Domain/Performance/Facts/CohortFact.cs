using Iom.Domain.Cohort;
using Iom.Domain.Referrals;

namespace Iom.Domain.Performance.Facts;

/// <summary>
/// What the cohort measures need about one person: their spells and their profile. A pure function of the person's
/// membership document and the referral that selected them (both in the person's partition), keyed by the person.
/// </summary>
public sealed record CohortFact(string PersonId, IReadOnlyList<CohortSpellFact> Spells, PersonProfile Profile)
{
    /// <param name="referral">The referral whose details describe the person: the latest one selected, if any.</param>
    public static CohortFact Of(CohortMembership membership, Referral? referral) =>
        Of(membership, referral is null ? PersonProfile.Unknown : PersonProfile.Of(referral.Person));

    /// <param name="profile">The profile taken from the referral that describes the person (<see cref="PersonProfile.Unknown"/> if none).</param>
    public static CohortFact Of(CohortMembership membership, PersonProfile profile)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(profile);
        var spells = membership.Periods.Select(p => new CohortSpellFact(p.From, p.To, p.Category, p.CohortType, p.Strands)).ToList();
        return new CohortFact(membership.PersonId, spells, profile);
    }
}
