namespace Iom.Application.Performance.Dashboard;

/// <summary>The months the dashboard shows, earliest first (the last twelve completed months, then the month to date).</summary>
/// <param name="Targets">Measure name → target, from configuration.</param>
/// <param name="Years">The financial years whose NI 30 figures are shown, earliest first (the current one to date and the
/// two before it); none for a councillor, who does not see re-offending.</param>
/// <param name="Breakdowns">The selected period's rollup for the breakdown tables; null for councillors, who see ward tables only.</param>
public sealed record PerformanceDashboard(
    DashboardAudience Audience,
    DateOnly Today,
    IReadOnlyList<DashboardPeriod> Periods,
    IReadOnlyDictionary<string, decimal> Targets,
    IReadOnlyList<DashboardPeriod> Years,
    DashboardBreakdowns? Breakdowns = null);
