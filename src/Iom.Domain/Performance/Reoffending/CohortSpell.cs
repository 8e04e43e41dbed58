using Iom.Domain.Cohort;

namespace Iom.Domain.Performance.Reoffending;

/// <summary>A person's time in the cohort (a <see cref="CohortPeriod"/> reduced to what the measures read), <see cref="To"/> inclusive, null while open.</summary>
public sealed record CohortSpell(string PersonId, CohortCategory Category, CohortType CohortType, DateOnly From, DateOnly? To)
{
    public bool Overlaps(DateOnly first, DateOnly last) => From <= last && (To is null || To >= first);
}
