using System.Globalization;
using Iom.Domain.Cohort;

namespace Iom.Domain.Performance.Reoffending;

/// <summary>
/// The Deter Young Offenders snapshot: each year's DYO cohort is everyone in the cohort as DYO at any time from
/// 1 January to 31 March, a static group whose proven re-offending is followed from 1 April (the day after the
/// window closes) for the usual year and waiting period. Years are put side by side in one table per measure
/// (breakdown <c>snapshot-year</c>, one cell per year, each provisional on its own) so one year reads against the
/// last: <c>dyo.reoffending.cohort</c>, <c>.reoffenders</c>, <c>.reoffences</c>, <c>.binary-rate</c>, <c>.frequency</c>.
/// </summary>
public static class DyoSnapshot
{
    public const string Prefix = "dyo.reoffending";

    public const string SnapshotYearBreakdown = "snapshot-year";

    /// <summary>The DYO cohort of <paramref name="year"/>: each person with a DYO spell overlapping January to March, once (their latest such spell).</summary>
    public static IReadOnlyList<CohortMember> CohortOf(int year, IEnumerable<CohortSpell> spells)
    {
        ArgumentNullException.ThrowIfNull(spells);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 3, 31);
        return
        [
            .. spells.Where(s => s.Category == CohortCategory.Dyo && s.Overlaps(first, last))
                .GroupBy(s => s.PersonId, StringComparer.Ordinal)
                .Select(g => g.MaxBy(s => s.From)!)
                .Select(s => new CohortMember(s.PersonId, s.Category, s.CohortType))
                .OrderBy(m => m.PersonId, StringComparer.Ordinal),
        ];
    }

    /// <summary>The day each year's follow-up starts.</summary>
    public static DateOnly SnapshotOf(int year) => new(year, 4, 1);

    /// <param name="years">The snapshot years to compare (each once).</param>
    public static IReadOnlyList<MeasureTable> Compare(
        IEnumerable<int> years, IReadOnlyCollection<CohortSpell> spells, IReadOnlyCollection<ProvenOffence> offences, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(years);
        return Tables(years.Distinct().Select(year =>
        {
            var followUp = new FollowUp(SnapshotOf(year));
            var counts = ProvenReoffending.Count(followUp, CohortOf(year, spells), offences);
            var tally = counts.Values.Aggregate(default(ReoffendingTally), (sum, n) => sum.Plus(ReoffendingTally.Of(n)));
            return (year, tally, followUp.IsProvisional(today));
        }));
    }

    /// <summary>
    /// The year-on-year tables from each year's summed tally: one table per measure, breakdown <c>snapshot-year</c>,
    /// one cell per year (each provisional on its own), cells in year order.
    /// </summary>
    public static IReadOnlyList<MeasureTable> Tables(IEnumerable<(int Year, ReoffendingTally Tally, bool Provisional)> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var ordered = years.OrderBy(y => y.Year).ToList();
        return
        [
            .. default(ReoffendingTally).Figures().Select(figure => new MeasureTable(
                $"{Prefix}.{figure.Measure}", SnapshotYearBreakdown, figure.Unit,
                [.. ordered.Select(y => new MeasureCell(
                    y.Year.ToString(CultureInfo.InvariantCulture), y.Tally.Figures().Single(f => f.Measure == figure.Measure).Value, y.Provisional))])),
        ];
    }
}
