using Iom.Application.Identity;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Performance;
using Microsoft.Extensions.Options;

namespace Iom.Application.Performance.Dashboard;

/// <summary>
/// The performance dashboard's figures: thirteen point reads of stored rollups (the last twelve months and the month to
/// date), whatever the history, and nothing written. Rollups hold no personal data, so there is nothing to audit.
/// A councillor gets <see cref="CouncillorView"/> of each completed month and nothing of the month to date.
/// </summary>
public sealed class GetDashboardHandler(IDocumentStore documents, IOptions<PerformanceTargetsOptions> targets, TimeProvider time)
{
    public const int CompletedMonths = 12;

    public static DashboardAudience AudienceOf(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // Whoever holds an analyst's or co-ordinator's role as well sees what that role sees.
        return caller.IsIn(Roles.Analyst) || caller.IsIn(Roles.Coordinator) ? DashboardAudience.Full : DashboardAudience.Councillor;
    }

    public async Task<PerformanceDashboard> HandleAsync(Caller caller, CancellationToken cancellationToken)
    {
        var audience = AudienceOf(caller);
        var today = LondonTime.LondonDate(time.GetUtcNow());
        var current = ReportingPeriod.Month(today.Year, today.Month);
        // Earliest first, the month to date last.
        var months = current.MonthsBefore(CompletedMonths).Reverse().Append(current).ToList();
        // Thirteen point reads started together: one round trip on Cosmos DB, whatever the history.
        var stored = await Task.WhenAll(months.Select(period => documents.ReadAsync<Rollup>(RollupDocuments.KeyOf(period), cancellationToken)));
        var periods = months.Select((period, i) =>
        {
            var rollup = stored[i]?.Value;
            var shown = rollup is null || audience == DashboardAudience.Full ? rollup : CouncillorView.Of(period, rollup);
            return new DashboardPeriod(period, period == current, shown, rollup is not null);
        }).ToList();

        return new PerformanceDashboard(audience, today, periods, targets.Value.Targets);
    }
}
