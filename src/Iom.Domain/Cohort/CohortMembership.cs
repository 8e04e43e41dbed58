namespace Iom.Domain.Cohort;

/// <summary>
/// A person's dated membership of the cohort: every spell, oldest first. One document per person, in the person's
/// partition, so a decision moves the referral and the membership in one atomic commit. Its spells change only through
/// its methods.
/// </summary>
public sealed record CohortMembership(string PersonId, IReadOnlyList<CohortPeriod> Periods)
{
    public static CohortMembership Empty(string personId) => new(personId, []);

    /// <summary>The spell covering <paramref name="day"/>, if the person was in the cohort that day.</summary>
    public CohortPeriod? On(DateOnly day) => Periods.LastOrDefault(p => p.Covers(day));

    /// <summary>The spell still open, if the person is in the cohort now.</summary>
    public CohortPeriod? Current => Periods.LastOrDefault(p => p.To is null);
}
