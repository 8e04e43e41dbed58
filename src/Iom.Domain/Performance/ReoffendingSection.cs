using System.Globalization;
using Iom.Domain.Cohort;
using Iom.Domain.Performance.Facts;
using Iom.Domain.Performance.Reoffending;

namespace Iom.Domain.Performance;

/// <summary>
/// The re-offending tables of a rollup (docs/performance-measures.md, "Offending data and re-offending"), in two
/// parts so counts can be kept up to date person by person: <see cref="ContributionOf"/>, one person's cell counts
/// for a period (a pure function of their <see cref="OffenderFact"/> and the period), and <see cref="Derive"/>, the
/// tables — rates, the NI 30 target and reduction, provisional flags — from the counts summed over everyone.
/// <list type="bullet">
/// <item>Every period: proven re-offending (<c>reoffending.*</c>) of the cohort on the period's first day, followed
/// from that day (<see cref="FollowUp"/>).</item>
/// <item>Financial years only: NI 30 (<c>ni30.*</c>, when a target is configured) of the PPOs in the cohort on
/// 1 April, and the DYO January–March snapshots (<c>dyo.reoffending.*</c>) of the year the period starts in and the
/// year before, both followed from 1 April, side by side.</item>
/// </list>
/// </summary>
public static class ReoffendingSection
{
    /// <summary>One count a person adds to a cell of a count table.</summary>
    public readonly record struct CellDelta(string Measure, string Breakdown, string Key, int By);

    /// <summary>Whether a count measure is this section's (its tables are derived here, not counted as they stand).</summary>
    public static bool Owns(string measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return measure.StartsWith(ProvenReoffending.Prefix + ".", StringComparison.Ordinal)
            || measure.StartsWith(Ni30Measure.Prefix + ".", StringComparison.Ordinal)
            || measure.StartsWith(DyoSnapshot.Prefix + ".", StringComparison.Ordinal);
    }

    /// <summary>The DYO snapshot years a period compares: none, or for a financial year its own and the one before.</summary>
    public static IReadOnlyList<int> DyoYearsOf(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Kind == ReportingPeriodKind.FinancialYear ? [period.Start.Year - 1, period.Start.Year] : [];
    }

    /// <summary>What the period's counts hold of this person: nothing unless they were in a cohort the period follows.</summary>
    public static IReadOnlyList<CellDelta> ContributionOf(OffenderFact person, ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(period);
        var deltas = new List<CellDelta>();
        var followUp = new FollowUp(period.Start);
        if (person.SpellOn(period.Start) is { } spell)
        {
            var member = new CohortMember(person.PersonId, spell.Category, spell.CohortType);
            var tally = ReoffendingTally.Of(person.Offences.Count(followUp.Counts));
            foreach (var (breakdown, key) in ProvenReoffending.CellsOf(member))
            {
                AddTally(deltas, ProvenReoffending.Prefix, breakdown, key, tally);
            }

            if (period.Kind == ReportingPeriodKind.FinancialYear && spell.Category == CohortCategory.Ppo)
            {
                deltas.Add(new($"{Ni30Measure.Prefix}.proven-offences", RollupCalculator.Total, RollupCalculator.All, tally.Reoffences));
                deltas.Add(new($"{Ni30Measure.Prefix}.interim.proven-offences", RollupCalculator.Total, RollupCalculator.All,
                    person.Offences.Count(o => followUp.CountsWithinFirst(Ni30Measure.InterimMonths, o))));
            }
        }

        foreach (var year in DyoYearsOf(period))
        {
            if (DyoSnapshot.CohortOf(year, person.Spells).Count > 0)
            {
                var dyoFollowUp = new FollowUp(DyoSnapshot.SnapshotOf(year));
                AddTally(deltas, DyoSnapshot.Prefix, DyoSnapshot.SnapshotYearBreakdown, YearKey(year),
                    ReoffendingTally.Of(person.Offences.Count(dyoFollowUp.Counts)));
            }
        }

        return deltas;
    }

    /// <summary>The tables of the period from the counts summed over everyone (<see cref="Counts"/>).</summary>
    /// <param name="ni30">The configured NI 30 baseline and target; null: no NI 30 tables.</param>
    public static IReadOnlyList<MeasureTable> Derive(ReportingPeriod period, DateOnly today, Counts counts, Ni30Target? ni30)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(counts);
        var followUp = new FollowUp(period.Start);
        var tables = new List<MeasureTable>(
            ProvenReoffending.Tables(ProvenReoffending.Prefix, (breakdown, key) => counts.TallyOf(ProvenReoffending.Prefix, breakdown, key), followUp.IsProvisional(today)));
        if (period.Kind == ReportingPeriodKind.FinancialYear && ni30 is not null)
        {
            tables.AddRange(Ni30Measure.Tables(
                ni30,
                counts.Of($"{Ni30Measure.Prefix}.proven-offences", RollupCalculator.Total, RollupCalculator.All),
                counts.Of($"{Ni30Measure.Prefix}.interim.proven-offences", RollupCalculator.Total, RollupCalculator.All),
                followUp.IsProvisional(today)));
        }

        var years = DyoYearsOf(period);
        if (years.Count > 0)
        {
            tables.AddRange(DyoSnapshot.Tables(years.Select(year => (
                year,
                counts.TallyOf(DyoSnapshot.Prefix, DyoSnapshot.SnapshotYearBreakdown, YearKey(year)),
                new FollowUp(DyoSnapshot.SnapshotOf(year)).IsProvisional(today)))));
        }

        return tables;
    }

    /// <summary>The full fold: every person's contribution summed, then derived.</summary>
    public static IReadOnlyList<MeasureTable> Compute(ReportingPeriod period, DateOnly today, IEnumerable<OffenderFact> offenders, Ni30Target? ni30)
    {
        ArgumentNullException.ThrowIfNull(offenders);
        var counts = new Counts();
        foreach (var person in offenders)
        {
            counts.Add(ContributionOf(person, period));
        }

        return Derive(period, today, counts, ni30);
    }

    private static void AddTally(List<CellDelta> deltas, string prefix, string breakdown, string key, ReoffendingTally tally)
    {
        deltas.Add(new($"{prefix}.cohort", breakdown, key, tally.People));
        deltas.Add(new($"{prefix}.reoffenders", breakdown, key, tally.Reoffenders));
        deltas.Add(new($"{prefix}.reoffences", breakdown, key, tally.Reoffences));
    }

    private static string YearKey(int year) => year.ToString(CultureInfo.InvariantCulture);

    /// <summary>A period's counts summed over people: added to by each contribution, and taken from when a fact is replaced.</summary>
    public sealed class Counts
    {
        private readonly Dictionary<(string Measure, string Breakdown, string Key), int> _cells = [];

        public void Add(IEnumerable<CellDelta> deltas) => Apply(deltas, 1);

        public void Remove(IEnumerable<CellDelta> deltas) => Apply(deltas, -1);

        public int Of(string measure, string breakdown, string key) => _cells.GetValueOrDefault((measure, breakdown, key));

        public ReoffendingTally TallyOf(string prefix, string breakdown, string key) =>
            new(Of($"{prefix}.cohort", breakdown, key), Of($"{prefix}.reoffenders", breakdown, key), Of($"{prefix}.reoffences", breakdown, key));

        private void Apply(IEnumerable<CellDelta> deltas, int sign)
        {
            ArgumentNullException.ThrowIfNull(deltas);
            foreach (var delta in deltas)
            {
                _cells[(delta.Measure, delta.Breakdown, delta.Key)] = Of(delta.Measure, delta.Breakdown, delta.Key) + (sign * delta.By);
            }
        }
    }
}
