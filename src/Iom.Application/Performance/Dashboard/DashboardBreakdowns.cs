using Iom.Domain.Performance;

namespace Iom.Application.Performance.Dashboard;

/// <summary>The period an analyst or co-ordinator chose (or the last final month) and its stored rollup, null when not computed yet.</summary>
public sealed record DashboardBreakdowns(ReportingPeriod Period, Rollup? Rollup);
