namespace Iom.Domain.Performance.Facts;

/// <summary>
/// Every fact the measures are folded from, one per source document, keyed by the document's id so that a changed
/// document's new fact replaces its old one (<see cref="Put(ReferralFact)"/> and the other overloads). The fold
/// (<see cref="RollupCalculator"/>) does not depend on the order facts were put in.
/// </summary>
public sealed class PerformanceFacts
{
    private readonly Dictionary<string, ReferralFact> _referrals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CohortFact> _cohort = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CirculationFact> _circulations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReleaseAlertFact> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActionFact> _actions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OffenderFact> _offenders = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ReferralFact> Referrals => _referrals.Values;

    public IReadOnlyCollection<CohortFact> Cohort => _cohort.Values;

    public IReadOnlyCollection<CirculationFact> Circulations => _circulations.Values;

    public IReadOnlyCollection<ReleaseAlertFact> Alerts => _alerts.Values;

    public IReadOnlyCollection<ActionFact> Actions => _actions.Values;

    /// <summary>People ever in the cohort, with their proven offences, keyed by person.</summary>
    public IReadOnlyCollection<OffenderFact> Offenders => _offenders.Values;

    public void Put(ReferralFact fact) => _referrals[Checked(fact).Id] = fact;

    public void Put(CohortFact fact) => _cohort[Checked(fact).PersonId] = fact;

    public void Put(CirculationFact fact) => _circulations[Checked(fact).Id] = fact;

    public void Put(ReleaseAlertFact fact) => _alerts[Checked(fact).Id] = fact;

    public void Put(ActionFact fact) => _actions[Checked(fact).Id] = fact;

    public void Put(OffenderFact fact) => _offenders[Checked(fact).PersonId] = fact;

    private static T Checked<T>(T fact)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(fact);
        return fact;
    }
}
