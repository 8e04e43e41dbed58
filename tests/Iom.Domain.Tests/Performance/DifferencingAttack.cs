using Iom.Domain.Performance;

namespace Iom.Domain.Tests.Performance;

/// <summary>
/// A reader who tries to work out every withheld cell from everything a councillor can read, written independently
/// of <see cref="CouncillorView"/>. The reader knows every shown figure of every view given; that each table's ward
/// cells add up to its total; that the cohort's size at the end of a month is the size a month earlier plus those in
/// less those out, ward by ward (when all four tables are shown); that a quarter's counts are its months' counts
/// added up (its size, its last month's); and that zeros are shown, so a withheld count is at least 1.
/// </summary>
/// <remarks>
/// For each withheld cell it looks for a whole-number completion of every withheld cell, consistent with all of that,
/// in which this cell differs from its true value (a linear programme for "at most true − 1", then "at least true + 1",
/// solved to a vertex and kept only when the vertex is whole and checks out exactly). A cell with no such completion
/// is recovered.
/// </remarks>
public static class DifferencingAttack
{
    public sealed record Cell(string Period, string Measure, string Breakdown, string Key)
    {
        public override string ToString() => $"{Period} {Measure} by {Breakdown} {Key}";
    }

    private static readonly HashSet<string> Stocks = new(StringComparer.Ordinal) { "cohort.size" };

    /// <param name="views">What the reader can read, by period.</param>
    /// <param name="truth">The unsuppressed rollups, by period (only to know the value each withheld cell must differ from).</param>
    /// <returns>The withheld cells the reader can work out exactly.</returns>
    public static IReadOnlyList<Cell> Recover(IReadOnlyList<(ReportingPeriod Period, Rollup View)> views, IReadOnlyDictionary<string, Rollup> truth) =>
        Recover([.. views.Select(v => new Reading(v.Period.Name, v.Period, v.View))], truth, []);

    /// <summary>The label the later of two readings of a recomputed month goes by (its cells' <see cref="Cell.Period"/>).</summary>
    public static string Recomputed(ReportingPeriod period) => period.Name + "@recomputed";

    /// <summary>
    /// Two readings of one final month, one saved before a recompute (late data) and one after. Besides everything
    /// each shows, the reader knows which cells the late data touched — <paramref name="touched"/>, as (measure, key):
    /// a ward and the total, say, from knowing where a late referral came from — and that every other cell is the same
    /// in both. The later reading's cells are labelled <see cref="Recomputed"/>; the truth of each is the rollup it
    /// was made from.
    /// </summary>
    public static IReadOnlyList<Cell> RecoverAcrossRecompute(
        ReportingPeriod period, Rollup before, Rollup after, Rollup truthBefore, Rollup truthAfter, IReadOnlySet<(string Measure, string Key)> touched)
    {
        var later = Recomputed(period);
        var same = new List<(Cell Before, Cell After)>();
        foreach (var table in before.Tables)
        {
            foreach (var cell in table.Cells.Where(c => !touched.Contains((table.Measure, c.Key))))
            {
                if (after.Tables.Any(t => t.Measure == table.Measure && t.Breakdown == table.Breakdown && t.Cells.Any(c => c.Key == cell.Key)))
                {
                    same.Add((new Cell(period.Name, table.Measure, table.Breakdown, cell.Key), new Cell(later, table.Measure, table.Breakdown, cell.Key)));
                }
            }
        }

        return Recover([new Reading(period.Name, period, before), new Reading(later, period, after)],
            new Dictionary<string, Rollup> { [period.Name] = truthBefore, [later] = truthAfter }, same);
    }

    /// <summary>One view as read, under the label its cells go by (the period's name, unless it is a later reading of it).</summary>
    private sealed record Reading(string Label, ReportingPeriod Period, Rollup View);

    private static IReadOnlyList<Cell> Recover(IReadOnlyList<Reading> views, IReadOnlyDictionary<string, Rollup> truth, IReadOnlyList<(Cell Before, Cell After)> same)
    {
        var shown = new Dictionary<Cell, decimal>();
        var withheld = new List<Cell>();
        foreach (var (label, _, view) in views)
        {
            foreach (var table in view.Tables)
            {
                foreach (var cell in table.Cells)
                {
                    var at = new Cell(label, table.Measure, table.Breakdown, cell.Key);
                    if (cell.Suppressed)
                    {
                        withheld.Add(at);
                    }
                    else
                    {
                        shown[at] = cell.Value ?? throw new InvalidOperationException($"{at} is neither shown nor withheld.");
                    }
                }
            }
        }

        var index = withheld.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var rows = Constraints(views, shown, index, same).ToList();
        var truthValues = withheld.Select(c => TrueValue(truth, c)).ToArray();

        // The truth itself must satisfy what the reader knows, or the reader's model is wrong, not the view.
        foreach (var row in rows)
        {
            row.Coefficients.Sum(t => t.Coefficient * truthValues[t.Variable]).ShouldBe(row.Constant, $"the reader's identity {row.Name} does not hold for the true figures");
        }

        var recovered = new List<Cell>();
        for (var i = 0; i < withheld.Count; i++)
        {
            var other = Completion(rows, withheld.Count, i, truthValues[i] - 1, atMost: true) ?? Completion(rows, withheld.Count, i, truthValues[i] + 1, atMost: false);
            if (other is null)
            {
                recovered.Add(withheld[i]);
            }
        }

        return recovered;
    }

    private static decimal TrueValue(IReadOnlyDictionary<string, Rollup> truth, Cell cell) =>
        truth[cell.Period].Tables.Single(t => t.Measure == cell.Measure && t.Breakdown == cell.Breakdown).Cells.Single(c => c.Key == cell.Key).Value
        ?? throw new InvalidOperationException($"{cell} has no true value.");

    private sealed record Row(string Name, IReadOnlyList<(int Variable, decimal Coefficient)> Coefficients, decimal Constant);

    /// <summary>Every identity the reader knows, each as Σ coefficient × withheld cell = constant.</summary>
    private static IEnumerable<Row> Constraints(IReadOnlyList<Reading> views, Dictionary<Cell, decimal> shown, Dictionary<Cell, int> withheld, IReadOnlyList<(Cell Before, Cell After)> same)
    {
        IEnumerable<Row> Identity(string name, IEnumerable<(Cell Cell, decimal Coefficient)> terms)
        {
            var variables = new List<(int, decimal)>();
            var constant = 0m;
            foreach (var (cell, coefficient) in terms)
            {
                if (withheld.TryGetValue(cell, out var variable))
                {
                    variables.Add((variable, coefficient));
                }
                else if (shown.TryGetValue(cell, out var value))
                {
                    constant -= coefficient * value;
                }
                else
                {
                    yield break; // a figure the reader never sees: no identity to use
                }
            }

            if (variables.Count > 0)
            {
                yield return new Row(name, variables, constant);
            }
        }

        var rows = new List<Row>();
        foreach (var (before, after) in same)
        {
            rows.AddRange(Identity($"{before} unchanged by the recompute", [(before, 1m), (after, -1m)]));
        }

        foreach (var (label, period, view) in views)
        {
            foreach (var wards in view.Tables.Where(t => t.Breakdown == CouncillorView.WardBreakdown))
            {
                var total = new Cell(label, wards.Measure, CouncillorView.TotalBreakdown, CouncillorView.TotalKey);
                rows.AddRange(Identity($"{label} {wards.Measure} adds up",
                    wards.Cells.Select(c => (new Cell(label, wards.Measure, wards.Breakdown, c.Key), 1m)).Append((total, -1m))));
            }

            if (label != period.Name)
            {
                // A later reading of a month: linked to the earlier one by what the recompute left alone, not to other periods.
                continue;
            }

            var keys = view.Tables.Where(t => t.Measure == "cohort.size").SelectMany(t => t.Cells.Select(c => (t.Breakdown, c.Key))).ToList();
            if (period.Kind == ReportingPeriodKind.Month)
            {
                var previous = ReportingPeriod.Month(period.Start.AddMonths(-1).Year, period.Start.AddMonths(-1).Month).Name;
                foreach (var (breakdown, key) in keys)
                {
                    rows.AddRange(Identity($"{period.Name} {key} size = before + in − out",
                    [
                        (new Cell(period.Name, "cohort.size", breakdown, key), 1m),
                        (new Cell(previous, "cohort.size", breakdown, key), -1m),
                        (new Cell(period.Name, "cohort.in", breakdown, key), -1m),
                        (new Cell(period.Name, "cohort.out", breakdown, key), 1m),
                    ]));
                }
            }
            else
            {
                var months = period.Months().Select(m => m.Name).ToList();
                foreach (var table in view.Tables)
                {
                    foreach (var cell in table.Cells)
                    {
                        var parts = Stocks.Contains(table.Measure) ? [months[^1]] : months;
                        rows.AddRange(Identity($"{period.Name} {table.Measure} {cell.Key} from its months",
                            parts.Select(m => (new Cell(m, table.Measure, table.Breakdown, cell.Key), 1m))
                                .Append((new Cell(period.Name, table.Measure, table.Breakdown, cell.Key), -1m))));
                    }
                }
            }

        }

        return rows;
    }

    /// <summary>A whole-number completion (each withheld cell at least 1) with cell <paramref name="target"/> at most / at least <paramref name="bound"/>.</summary>
    private static decimal[]? Completion(List<Row> rows, int variables, int target, decimal bound, bool atMost)
    {
        if (atMost && bound < 1)
        {
            return null;
        }

        // Standard form over y = x − 1 ≥ 0 and one slack s ≥ 0: rows A·y = b, then y_target ± s = bound − 1.
        var n = variables + 1;
        var a = new List<double[]>();
        var b = new List<double>();
        foreach (var row in rows)
        {
            var line = new double[n];
            var constant = row.Constant;
            foreach (var (variable, coefficient) in row.Coefficients)
            {
                line[variable] += (double)coefficient;
                constant -= coefficient;
            }

            a.Add(line);
            b.Add((double)constant);
        }

        var boundLine = new double[n];
        boundLine[target] = 1;
        boundLine[variables] = atMost ? 1 : -1;
        a.Add(boundLine);
        b.Add((double)(bound - 1));

        var y = FeasibleVertex(a, b, n);
        if (y is null || y.Any(v => Math.Abs(v - Math.Round(v)) > 1e-7))
        {
            return null;
        }

        var x = y.Take(variables).Select(v => (decimal)Math.Round(v) + 1).ToArray();
        var exact = rows.All(row => row.Coefficients.Sum(t => t.Coefficient * x[t.Variable]) == row.Constant)
                    && x.All(v => v >= 1) && (atMost ? x[target] <= bound : x[target] >= bound);
        return exact ? x : null;
    }

    /// <summary>Phase one of the simplex method (Bland's rule): a vertex of {A·y = b, y ≥ 0}, or null when there is none.</summary>
    private static double[]? FeasibleVertex(List<double[]> a, List<double> b, int n)
    {
        const double Epsilon = 1e-9;
        var m = a.Count;
        var columns = n + m + 1;
        var tableau = new double[m + 1, columns];
        var basis = new int[m];
        for (var i = 0; i < m; i++)
        {
            var sign = b[i] < 0 ? -1 : 1;
            for (var j = 0; j < n; j++)
            {
                tableau[i, j] = sign * a[i][j];
            }

            tableau[i, n + i] = 1;
            tableau[i, columns - 1] = sign * b[i];
            basis[i] = n + i;
        }

        // Minimise the sum of the artificial variables: the objective row holds the reduced costs.
        for (var j = 0; j < columns; j++)
        {
            if (j >= n && j < n + m)
            {
                continue;
            }

            for (var i = 0; i < m; i++)
            {
                tableau[m, j] -= tableau[i, j];
            }
        }

        while (true)
        {
            var entering = -1;
            for (var j = 0; j < n + m; j++)
            {
                if (tableau[m, j] < -Epsilon)
                {
                    entering = j;
                    break;
                }
            }

            if (entering < 0)
            {
                break;
            }

            var leaving = -1;
            var best = double.PositiveInfinity;
            for (var i = 0; i < m; i++)
            {
                if (tableau[i, entering] > Epsilon)
                {
                    var ratio = tableau[i, columns - 1] / tableau[i, entering];
                    if (ratio < best - Epsilon || (Math.Abs(ratio - best) <= Epsilon && basis[i] < basis[leaving]))
                    {
                        best = ratio;
                        leaving = i;
                    }
                }
            }

            if (leaving < 0)
            {
                break; // cannot happen in phase one (bounded below by 0)
            }

            var pivot = tableau[leaving, entering];
            for (var j = 0; j < columns; j++)
            {
                tableau[leaving, j] /= pivot;
            }

            for (var i = 0; i <= m; i++)
            {
                if (i != leaving && Math.Abs(tableau[i, entering]) > 0)
                {
                    var factor = tableau[i, entering];
                    for (var j = 0; j < columns; j++)
                    {
                        tableau[i, j] -= factor * tableau[leaving, j];
                    }
                }
            }

            basis[leaving] = entering;
        }

        if (-tableau[m, columns - 1] > 1e-7)
        {
            return null;
        }

        var y = new double[n];
        for (var i = 0; i < m; i++)
        {
            if (basis[i] < n)
            {
                y[basis[i]] = tableau[i, columns - 1];
            }
        }

        return y;
    }
}
