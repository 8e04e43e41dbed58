using Iom.Domain.Cohort;
using Iom.Domain.Performance.Reoffending;

namespace Iom.Domain.Performance.Facts;

/// <summary>
/// What the re-offending measures need about one person who was ever in the cohort: their spells (in the membership's
/// order, which <see cref="CohortMembership.On"/> reads) and their proven offences (offence date, outcome date,
/// outcome), keyed by the person. A pure function of the person's membership and offending records, both in their
/// partition; the offences are put in a fixed order so the order the records were read in never shows.
/// </summary>
public sealed record OffenderFact(string PersonId, IReadOnlyList<CohortSpell> Spells, IReadOnlyList<ProvenOffence> Offences)
{
    /// <summary>The fact of a person ever in the cohort; null for one never selected, whom no measure counts.</summary>
    /// <param name="offences">The person's proven offences (anyone else's are ignored).</param>
    public static OffenderFact? Of(CohortMembership membership, IEnumerable<ProvenOffence> offences)
    {
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(offences);
        if (membership.Periods.Count == 0)
        {
            return null;
        }

        var person = membership.PersonId;
        return new OffenderFact(
            person,
            [.. membership.Periods.Select(p => new CohortSpell(person, p.Category, p.CohortType, p.From, p.To))],
            [.. offences.Where(o => o.PersonId == person).OrderBy(o => o.OffenceDate).ThenBy(o => o.OutcomeDate).ThenBy(o => o.Outcome)]);
    }

    /// <summary>The spell covering <paramref name="day"/>: the last one, as <see cref="CohortMembership.On"/> reads it.</summary>
    public CohortSpell? SpellOn(DateOnly day) => Spells.LastOrDefault(s => s.Overlaps(day, day));
}
