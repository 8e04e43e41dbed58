using Iom.Domain.Cohort;

namespace Iom.Domain.Performance.Reoffending;

/// <summary>A person in the cohort on the snapshot date, with what the measures break down by.</summary>
public sealed record CohortMember(string PersonId, CohortCategory Category, CohortType CohortType);
