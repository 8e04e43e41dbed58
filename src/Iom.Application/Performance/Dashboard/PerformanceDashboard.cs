namespace Iom.Application.Performance.Dashboard;

/// <summary>The months the dashboard shows, earliest first (the last twelve completed months, then the month to date).</summary>
/// <param name="Targets">Measure name → target, from configuration.</param>
public sealed record PerformanceDashboard(
    DashboardAudience Audience,
    DateOnly Today,
    IReadOnlyList<DashboardPeriod> Periods,
    IReadOnlyDictionary<string, decimal> Targets);
