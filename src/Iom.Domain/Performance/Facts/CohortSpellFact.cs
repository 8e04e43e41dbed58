using Iom.Domain.Cohort;

namespace Iom.Domain.Performance.Facts;

/// <summary>One spell in the cohort, from the day of selection to the day of de-selection (inclusive), open while <see cref="To"/> is null.</summary>
public sealed record CohortSpellFact(DateOnly From, DateOnly? To, CohortCategory Category, CohortType CohortType, IReadOnlyList<string> Strands)
{
    public bool Covers(DateOnly day) => From <= day && (To is null || day <= To);
}
