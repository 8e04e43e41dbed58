using Iom.Domain.Performance;

namespace Iom.Application.Performance.Dashboard;

/// <summary>One month on the dashboard.</summary>
/// <param name="ToDate">The current month, so far.</param>
/// <param name="Rollup">What the reader may see of it: the stored rollup, or the councillor's view of it; null when there is nothing to show.</param>
/// <param name="Computed">A rollup is stored for the month (false: the job has not computed it yet, which is not zero).</param>
public sealed record DashboardPeriod(ReportingPeriod Period, bool ToDate, Rollup? Rollup, bool Computed);
