namespace Iom.Domain.Performance;

/// <summary>
/// What a ward councillor (<c>iom.councillor</c>) may read of a rollup: ward-level counts only, small counts withheld
/// and enough others withheld that no withheld figure can be worked out from what is shown (docs/performance-dashboard.md,
/// "Dashboard and the councillor view", gives the argument).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Only completed months: a quarter or financial year minus its visible months would give back a withheld month,
/// and two readings of a month to date a day apart would give back that day's handful of changes.</item>
/// <item>Only count tables broken down by <c>ward</c>, each with its <c>total</c>; every other breakdown and every
/// share, median or rate is dropped (a ward's share of a handful of referrals is the handful).</item>
/// <item>Not the cohort's flows (<see cref="WithheldFlows"/>): with the stock of two consecutive months they would
/// make a cross-month identity (size now = size before + in − out) that could give a withheld cell back.</item>
/// <item>Primary: a count of 1 to 4 is withheld. A true zero is shown: it tells nothing about anyone, and because
/// withholding never picks a zero, a reader knows only that a withheld count is at least 1.</item>
/// <item>Secondary, within each table (its ward cells add up to its total): the withheld cells must be at least two,
/// and when the total is shown, their sum must exceed their number (otherwise each would have to be exactly 1).
/// Until that holds the smallest shown non-zero ward cell is withheld too, or failing one, the total. Tables share no
/// cell and no identity links them, so each withheld cell can move by one against another in its own table: it is
/// never determined.</item>
/// </list>
/// The view never says which withheld cells are small: every one reads the same marker.
/// </remarks>
public static class CouncillorView
{
    /// <summary>Counts below this (and above zero) are withheld.</summary>
    public const int Threshold = 5;

    public const string WardBreakdown = "ward";
    public const string TotalBreakdown = "total";
    public const string TotalKey = "all";

    /// <summary>The cohort's flows, withheld from councillors because the stock they see links them across months.</summary>
    public static IReadOnlySet<string> WithheldFlows { get; } = new HashSet<string>(StringComparer.Ordinal) { "cohort.in", "cohort.out" };

    /// <summary>Whether councillors see this period at all: completed months only.</summary>
    public static bool Covers(ReportingPeriod period, Rollup rollup)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(rollup);
        return period.Kind == ReportingPeriodKind.Month && rollup.Final;
    }

    /// <returns>The councillor's view of <paramref name="rollup"/>, or null when councillors do not see the period.</returns>
    public static Rollup? Of(ReportingPeriod period, Rollup rollup)
    {
        if (!Covers(period, rollup))
        {
            return null;
        }

        var totals = rollup.Tables
            .Where(t => t.Unit == MeasureUnit.Count && t.Breakdown == TotalBreakdown)
            .GroupBy(t => t.Measure, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Cells.FirstOrDefault(c => c.Key == TotalKey), StringComparer.Ordinal);

        var tables = new List<MeasureTable>();
        foreach (var wards in rollup.Tables
                     .Where(t => t.Unit == MeasureUnit.Count && t.Breakdown == WardBreakdown && !WithheldFlows.Contains(t.Measure))
                     .GroupBy(t => t.Measure, StringComparer.Ordinal)
                     .Select(g => g.First()))
        {
            var (cells, total) = Suppress(wards.Cells, totals.GetValueOrDefault(wards.Measure));
            tables.Add(wards with { Cells = cells });
            if (total is not null)
            {
                tables.Add(new MeasureTable(wards.Measure, TotalBreakdown, MeasureUnit.Count, [total]));
            }
        }

        return rollup with
        {
            Tables = [.. tables.OrderBy(t => t.Measure, StringComparer.Ordinal).ThenBy(t => t.Breakdown, StringComparer.Ordinal)],
        };
    }

    /// <summary>Primary then secondary suppression of one table: its ward cells and (when there is one) its total.</summary>
    private static (IReadOnlyList<MeasureCell> Cells, MeasureCell? Total) Suppress(IReadOnlyList<MeasureCell> wardCells, MeasureCell? totalCell)
    {
        var cells = wardCells.Select(c => new Line(c.Key, c.Value, c.Provisional, IsSmall(c.Value))).ToList();
        var total = totalCell is null ? null : new Line(totalCell.Key, totalCell.Value, totalCell.Provisional, IsSmall(totalCell.Value));

        // Without a total nothing sums to a shown figure, so a withheld cell has no partner to hide behind: none needed.
        while (total is not null && !IsProtected(cells, total))
        {
            var next = cells.Where(c => !c.Withheld && c.Value is > 0).OrderBy(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).FirstOrDefault();
            if (next is not null)
            {
                next.Withheld = true;
            }
            else if (!total.Withheld)
            {
                total.Withheld = true;
            }
            else
            {
                // Only figures that do not add up (or unknowns) are left: withhold the whole table rather than guess.
                cells.ForEach(c => c.Withheld = true);
                break;
            }
        }

        return ([.. cells.Select(c => c.ToCell())], total?.ToCell());
    }

    private static bool IsSmall(decimal? value) => value is > 0 and < Threshold;

    private static bool IsProtected(List<Line> cells, Line total)
    {
        var withheld = cells.Count(c => c.Withheld);
        if (withheld == 0)
        {
            return !total.Withheld || cells.Count == 0;
        }

        if (total.Withheld)
        {
            // Cells and total move together (one more in a cell, one more in the total): enough with any one cell.
            return true;
        }

        if (withheld < 2 || total.Value is not { } sum)
        {
            return withheld >= 2;
        }

        // Each withheld cell is at least 1 and they add up to the total less the shown cells: if that is exactly their
        // number, every one of them is 1.
        var hidden = sum - cells.Where(c => !c.Withheld).Sum(c => c.Value ?? 0);
        return hidden > withheld;
    }

    private sealed class Line(string key, decimal? value, bool provisional, bool withheld)
    {
        public string Key { get; } = key;
        public decimal? Value { get; } = value;
        public bool Withheld { get; set; } = withheld;

        public MeasureCell ToCell() => Withheld ? new MeasureCell(Key, null, provisional, Suppressed: true) : new MeasureCell(Key, Value, provisional);
    }
}
