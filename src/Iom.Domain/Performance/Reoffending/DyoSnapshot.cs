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
        var cells = new Dictionary<string, List<MeasureCell>>(StringComparer.Ordinal);
        var units = new Dictionary<string, MeasureUnit>(StringComparer.Ordinal);
        foreach (var year in years.Distinct().Order())
        {
            var key = year.ToString(CultureInfo.InvariantCulture);
            var tables = ProvenReoffending.Measure(Prefix, new FollowUp(SnapshotOf(year)), CohortOf(year, spells), offences, today);
            foreach (var table in tables.Where(t => t.Breakdown == "total"))
            {
                var cell = table.Cells.Single();
                units[table.Measure] = table.Unit;
                (cells.TryGetValue(table.Measure, out var list) ? list : cells[table.Measure] = []).Add(cell with { Key = key });
            }
        }

        return [.. cells.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new MeasureTable(c.Key, "snapshot-year", units[c.Key], c.Value))];
    }
}
