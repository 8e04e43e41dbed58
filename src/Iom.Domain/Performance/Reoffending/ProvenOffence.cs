using Iom.Domain.Offending;

namespace Iom.Domain.Performance.Reoffending;

/// <summary>An offence of a person known to IOM, proven by <see cref="Outcome"/> on <see cref="OutcomeDate"/>.</summary>
public sealed record ProvenOffence(string PersonId, DateOnly OffenceDate, DateOnly OutcomeDate, OffenceOutcome Outcome);
