using System.Globalization;
using Iom.Application.Performance.Dashboard;
using Iom.Domain.Agencies;
using Iom.Domain.Performance;

namespace Iom.Functions.Performance;

/// <summary>
/// What the dashboard page reads: text only, formatted here. One section per measure: a chart of its total month by
/// month (and its target) with a table of the same figures beside it; for councillors, also a table of the wards.
/// Every name that comes from a stored rollup (measure, ward key, period) is written by the template, so encoded.
/// </summary>
public sealed record DashboardView(
    string Heading,
    string Lede,
    bool Councillor,
    string AsOf,
    bool AnyWithheld,
    IReadOnlyList<DashboardView.Section> Sections,
    DashboardView.BreakdownsView? Breakdowns = null)
{
    /// <summary>The cohort's breakdowns, in the order the page shows them, and what each is called there.</summary>
    public static IReadOnlyList<(string Breakdown, string Name, string Phrase)> CohortBreakdowns { get; } =
    [
        ("category", "Category", "category"), ("cohort-type", "Cohort type", "cohort type"), ("strand", "Strand", "strand"),
        ("ward", "Ward", "ward"), ("age-band", "Age band", "age band"), ("gender", "Gender", "gender"), ("ethnicity", "Ethnicity", "ethnicity"),
    ];

    private static readonly string[] CohortMeasures = ["cohort.size", "cohort.in", "cohort.out"];

    private static readonly string[] ReferralMeasures = ["referrals.received", "referrals.selected", "referrals.declined", "referrals.deferred", "referrals.withdrawn"];

    /// <summary>Analysts' and co-ordinators' tables of one period: each cohort breakdown, and referrals by agency.</summary>
    /// <param name="NotComputed">Said instead of the tables when the period has no stored rollup.</param>
    /// <param name="Errors">The error summary's entries (a period that is not one); empty when there is none.</param>
    public sealed record BreakdownsView(string Heading, string PeriodName, string FormAction, string? NotComputed, IReadOnlyList<BreakdownTable> Tables)
    {
        public string? PeriodError { get; init; }

        public IReadOnlyList<ErrorLink> Errors { get; init; } = [];
    }

    /// <summary>An entry of the GOV.UK error summary, linking to the field.</summary>
    public sealed record ErrorLink(string Text, string Href);

    /// <summary>The page with the period form showing what was typed and why it is not a period; no tables.</summary>
    public DashboardView WithPeriodError(string typed, string message) => Breakdowns is null
        ? this
        : this with
        {
            Breakdowns = Breakdowns with
            {
                Heading = "Breakdowns",
                PeriodName = typed,
                NotComputed = null,
                Tables = [],
                PeriodError = message,
                Errors = [new ErrorLink(message, "#period")],
            },
        };

    /// <param name="KeyHeader">The first column's header: what each row is (ward, agency, …).</param>
    public sealed record BreakdownTable(string Id, string Caption, string KeyHeader, IReadOnlyList<string> Columns, IReadOnlyList<BreakdownRow> Rows);

    public sealed record BreakdownRow(string Key, IReadOnlyList<Figure> Figures);

    /// <summary>Stands in for every withheld figure, small or withheld to protect a small one: the reader cannot tell which.</summary>
    public const string WithheldMarker = "[c]";

    public const string NotComputed = "Not yet computed";
    public const string NotShownYet = "Shown when the month ends";
    public const string NoFigure = "No figure";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["cohort.size"] = "Cohort size",
        ["cohort.in"] = "People joining the cohort",
        ["cohort.out"] = "People leaving the cohort",
        ["referrals.received"] = "Referrals received",
        ["referrals.selected"] = "Referrals selected",
        ["referrals.declined"] = "Referrals declined",
        ["referrals.deferred"] = "Referrals deferred",
        ["referrals.withdrawn"] = "Referrals withdrawn",
        ["reoffending.binary-rate"] = "Re-offending: share of the cohort who re-offended",
        ["reoffending.cohort"] = "Re-offending: people followed up",
        ["reoffending.frequency"] = "Re-offending: re-offences per person",
        ["reoffending.reoffences"] = "Re-offending: proven re-offences",
        ["reoffending.reoffenders"] = "Re-offending: people who re-offended",
        ["ni30.proven-offences"] = "NI 30: proven offences of PPOs",
        ["ni30.interim.proven-offences"] = "NI 30: proven offences of PPOs in the first six months",
    };

    /// <summary>The NI 30 figures shown year by year, each against the target the rollup carries beside it.</summary>
    private static readonly (string Measure, string Target)[] Ni30 =
    [
        ("ni30.proven-offences", "ni30.target"),
        ("ni30.interim.proven-offences", "ni30.interim.target"),
    ];

    public sealed record Section(string Id, string Title, string Measure, string Unit, string? Target, BarChart Chart, IReadOnlyList<Row> Rows, WardTable? Wards)
    {
        /// <summary>What each row is, in the table's caption ("by month").</summary>
        public string Per { get; init; } = "month";

        /// <summary>The heading of the rows' column.</summary>
        public string PerHeading { get; init; } = "Month";
    }

    public sealed record Row(string Period, Figure Figure, string? Note);

    public sealed record WardTable(IReadOnlyList<string> Columns, IReadOnlyList<WardRow> Rows);

    public sealed record WardRow(string Ward, IReadOnlyList<Figure> Figures);

    /// <param name="Withheld">The text is the marker: the page says "withheld" to screen readers instead of reading it out.</param>
    public sealed record Figure(string Text, bool Withheld = false);

    /// <param name="agencies">Names the agency rows: a rollup holds codes, a reader is shown the agency's name.</param>
    public static DashboardView Of(PerformanceDashboard dashboard, AgencyList agencies)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(agencies);
        var councillor = dashboard.Audience == DashboardAudience.Councillor;
        var measures = dashboard.Periods
            .SelectMany(p => p.Rollup?.Tables ?? [])
            .Where(t => t.Breakdown == CouncillorView.TotalBreakdown)
            .GroupBy(t => t.Measure, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Measure: g.Key, g.First().Unit))
            .ToList();

        var sections = measures.Select((m, i) => SectionOf(dashboard, m.Measure, m.Unit, $"measure-{i + 1}", councillor)).ToList();
        sections.AddRange(Ni30
            .Where(n => dashboard.Years.Any(y => y.Rollup?.Tables.Any(t => t.Measure == n.Measure) == true))
            .Select((n, i) => YearSectionOf(dashboard, n.Measure, n.Target, $"measure-{sections.Count + i + 1}")));
        var anyWithheld = dashboard.Periods.Any(p => p.Rollup?.Tables.Any(t => t.Cells.Any(c => c.Suppressed)) == true);
        var first = dashboard.Periods[0].Period;
        var last = dashboard.Periods[^1].Period;
        return new DashboardView(
            councillor ? "Ward performance" : "Performance dashboard",
            councillor
                ? "Counts for each ward in the last 12 completed months. Counts below 5, and any figure that would let one be worked out, are withheld."
                : $"The last 12 months and this month so far ({Month(first)} to {Month(last)}), against the strategic group's targets.",
            councillor,
            dashboard.Today.ToString("d MMMM yyyy", English),
            anyWithheld,
            sections,
            dashboard.Breakdowns is { } chosen ? BreakdownsOf(chosen, agencies) : null);
    }

    /// <summary>What an agency row is called: the listed agency's name; a key of no listed agency (only in a rollup
    /// stored under older definitions, which keyed the claim's text) is never shown as it is.</summary>
    public const string UnknownAgency = "Not recorded or not on the agency list";

    public const string UnlistedAgency = "Not on the agency list";

    private static BreakdownsView BreakdownsOf(DashboardBreakdowns chosen, AgencyList agencies)
    {
        var label = chosen.Period.Kind == ReportingPeriodKind.Month ? Month(chosen.Period) : chosen.Period.Name;
        var heading = $"Breakdowns for {label}";
        if (chosen.Rollup is not { } rollup)
        {
            return new BreakdownsView(heading, chosen.Period.Name, DashboardFunctions.Path, $"{label} has not been computed yet.", []);
        }

        var tables = CohortBreakdowns
            .Select(b => TableOf(rollup, $"breakdown-{b.Breakdown}", $"The cohort by {b.Phrase}, {label}", b.Name, b.Breakdown, CohortMeasures,
                key => key == RollupCalculator.Unknown ? "Not recorded" : key))
            .Append(TableOf(rollup, "breakdown-agency", $"Referrals by agency, {label}", "Agency", "agency", ReferralMeasures,
                key => agencies.NameOf(key) ?? (key == AgencyList.Unknown ? UnknownAgency : UnlistedAgency)))
            .OfType<BreakdownTable>()
            .ToList();
        return new BreakdownsView(heading, chosen.Period.Name, DashboardFunctions.Path, null, tables);
    }

    /// <returns>A row per key of any of the measures' tables by <paramref name="breakdown"/>, a column per measure that has one; null when none has.</returns>
    /// <param name="label">What a key's row is called on the page.</param>
    private static BreakdownTable? TableOf(Rollup rollup, string id, string caption, string keyHeader, string breakdown, IReadOnlyList<string> measures, Func<string, string> label)
    {
        var columns = measures
            .Select(m => rollup.Tables.FirstOrDefault(t => t.Measure == m && t.Breakdown == breakdown))
            .OfType<MeasureTable>()
            .ToList();
        if (columns.Count == 0)
        {
            return null;
        }

        // Keys in code order, "not recorded" last; the same order whatever the figures.
        var keys = columns.SelectMany(t => t.Cells.Select(c => c.Key)).Distinct(StringComparer.Ordinal)
            .OrderBy(k => k == "unknown").ThenBy(k => k, StringComparer.Ordinal).ToList();
        var rows = keys.Select(key => new BreakdownRow(
            label(key),
            [.. columns.Select(t => t.Cells.FirstOrDefault(c => c.Key == key) switch
            {
                null => new Figure("0"),
                { Suppressed: true } => new Figure(WithheldMarker, Withheld: true),
                { Value: { } value } cell => new Figure(Format(value, t.Unit) + (cell.Provisional ? " (provisional)" : "")),
                _ => new Figure(NoFigure),
            })])).ToList();
        return new BreakdownTable(id, caption, keyHeader, [.. columns.Select(t => Titles.GetValueOrDefault(t.Measure, t.Measure))], rows);
    }

    private static Section SectionOf(PerformanceDashboard dashboard, string measure, MeasureUnit unit, string id, bool councillor)
    {
        var title = Titles.GetValueOrDefault(measure, measure);
        var target = dashboard.Targets.TryGetValue(measure, out var goal) ? goal : (decimal?)null;
        var points = dashboard.Periods.Select(p => Point(p, measure, unit)).ToList();
        var first = dashboard.Periods[0].Period;
        var last = dashboard.Periods[^1].Period;
        var description =
            $"Bar chart of {title} ({measure}) for each month from {Month(first)} to {Month(last)}" +
            (target is { } t ? $", with a dashed line at the target of {Format(t, unit)}" : "") +
            ". A month with no bar has no figure to show: withheld, not yet computed or not yet ended." +
            (points.Count(p => p.Note is not null) is > 0 and var provisional ? $" {provisional} of the figures are provisional: they can still change." : "") +
            " The table gives every figure and says which.";
        var chart = BarChart.Of($"{id}-chart", $"{title} by month", description,
            [.. points.Select(p => (p.ShortLabel, p.Value, p.ChartText))], target, v => Format(v, unit));
        return new Section(
            id, title, measure, UnitName(unit), target is { } shown ? Format(shown, unit) : null, chart,
            [.. points.Select(p => new Row(p.Period, new Figure(p.Figure, p.Figure == WithheldMarker), p.Note))],
            councillor ? Wards(dashboard, measure) : null);
    }

    /// <summary>
    /// A measure of financial-year rollups (NI 30), year by year against the target the latest year with one carries.
    /// A provisional figure says so in the table and in the chart's text, never by colour alone.
    /// </summary>
    private static Section YearSectionOf(PerformanceDashboard dashboard, string measure, string targetMeasure, string id)
    {
        var title = Titles.GetValueOrDefault(measure, measure);
        var target = dashboard.Years
            .Select(y => TotalOf(y.Rollup, targetMeasure)?.Value)
            .LastOrDefault(v => v is not null);
        var points = dashboard.Years.Select(y => Point(y, measure, MeasureUnit.Count) with
        {
            Period = YearName(y.Period) + (y.ToDate ? " (to date)" : ""),
            ShortLabel = YearName(y.Period),
        }).ToList();
        var provisional = points.Count(p => p.Note is not null);
        var description =
            $"Bar chart of {title} ({measure}) for each financial year from {YearName(dashboard.Years[0].Period)} to {YearName(dashboard.Years[^1].Period)}" +
            (target is { } t ? $", with a dashed line at the target of no more than {Format(t, MeasureUnit.Count)}" : "") +
            (provisional > 0 ? $". {provisional} of the figures are provisional: their waiting period for convictions has not passed, so they can still rise" : "") +
            ". The table gives every figure and says which are provisional.";
        var chart = BarChart.Of($"{id}-chart", $"{title} by financial year", description,
            [.. points.Select(p => (p.ShortLabel, p.Value, p.Note is null ? p.ChartText : p.ChartText + " (provisional)"))], target, v => Format(v, MeasureUnit.Count));
        return new Section(
            id, title, measure, UnitName(MeasureUnit.Count), target is { } shown ? "no more than " + Format(shown, MeasureUnit.Count) : null, chart,
            [.. points.Select(p => new Row(p.Period, new Figure(p.Figure), p.Note))],
            null)
        {
            Per = "financial year",
            PerHeading = "Financial year",
        };
    }

    private static MeasureCell? TotalOf(Rollup? rollup, string measure) =>
        rollup?.Tables.FirstOrDefault(t => t.Measure == measure && t.Breakdown == CouncillorView.TotalBreakdown)?.Cells.FirstOrDefault(c => c.Key == CouncillorView.TotalKey);

    private static string YearName(ReportingPeriod period) => period.Name;

    private sealed record PointFigures(string Period, string ShortLabel, decimal? Value, string Figure, string ChartText, string? Note);

    private static PointFigures Point(DashboardPeriod period, string measure, MeasureUnit unit)
    {
        var label = Month(period.Period) + (period.ToDate ? " (to date)" : "");
        var shortLabel = period.Period.Start.ToString("MMM yy", English);
        if (!period.Computed)
        {
            return new PointFigures(label, shortLabel, null, NotComputed, "–", null);
        }

        if (period.Rollup is null)
        {
            return new PointFigures(label, shortLabel, null, NotShownYet, "–", null);
        }

        var cell = period.Rollup.Tables.FirstOrDefault(t => t.Measure == measure && t.Breakdown == CouncillorView.TotalBreakdown)?.Cells
            .FirstOrDefault(c => c.Key == CouncillorView.TotalKey);
        return cell switch
        {
            null => new PointFigures(label, shortLabel, null, NoFigure, "–", null),
            { Suppressed: true } => new PointFigures(label, shortLabel, null, WithheldMarker, WithheldMarker, null),
            { Value: null } => new PointFigures(label, shortLabel, null, NoFigure, "–", null),
            { Value: { } value } => new PointFigures(label, shortLabel, value, Format(value, unit), Format(value, unit),
                cell.Provisional ? "Provisional" : null),
        };
    }

    /// <summary>Councillors' ward-by-month table: the months they see, the wards in any of them, and the total.</summary>
    private static WardTable Wards(PerformanceDashboard dashboard, string measure)
    {
        var months = dashboard.Periods.Where(p => p.Rollup is not null).ToList();
        var wardTables = months.Select(p => p.Rollup!.Tables.FirstOrDefault(t => t.Measure == measure && t.Breakdown == CouncillorView.WardBreakdown)).ToList();
        var keys = wardTables.SelectMany(t => t?.Cells.Select(c => c.Key) ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        Figure FigureOf(MeasureCell? cell) => cell switch
        {
            null => new Figure(NoFigure),
            { Suppressed: true } => new Figure(WithheldMarker, Withheld: true),
            { Value: { } value } => new Figure(Format(value, MeasureUnit.Count)),
            _ => new Figure(NoFigure),
        };

        var rows = keys.Select(key => new WardRow(
                key == "unknown" ? "Ward not recorded" : key,
                [.. wardTables.Select(t => FigureOf(t?.Cells.FirstOrDefault(c => c.Key == key)))]))
            .Append(new WardRow("All wards", [.. months.Select(p => FigureOf(p.Rollup!.Tables
                .FirstOrDefault(t => t.Measure == measure && t.Breakdown == CouncillorView.TotalBreakdown)?.Cells.FirstOrDefault(c => c.Key == CouncillorView.TotalKey)))]))
            .ToList();
        return new WardTable([.. months.Select(p => p.Period.Start.ToString("MMM yy", English))], rows);
    }

    private static string Month(ReportingPeriod period) => period.Start.ToString("MMMM yyyy", English);

    private static string UnitName(MeasureUnit unit) => unit switch
    {
        MeasureUnit.Count => "number",
        MeasureUnit.WorkingDays => "working days",
        MeasureUnit.Hours => "hours",
        MeasureUnit.Share => "per cent",
        MeasureUnit.Rate => "per person",
        _ => "",
    };

    private static string Format(decimal value, MeasureUnit unit) => unit switch
    {
        MeasureUnit.Count => value.ToString("#,0", English),
        MeasureUnit.Share => (value * 100).ToString("0.#", English) + "%",
        MeasureUnit.WorkingDays or MeasureUnit.Hours => value.ToString("#,0.#", English),
        _ => value.ToString("#,0.##", English),
    };
}
