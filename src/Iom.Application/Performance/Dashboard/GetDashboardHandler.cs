using Iom.Application.Identity;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Performance;
using Microsoft.Extensions.Options;

namespace Iom.Application.Performance.Dashboard;

/// <summary>
/// The performance dashboard's figures: thirteen point reads of stored rollups (the last twelve months and the month to
/// date), and for analysts and co-ordinators three more (the financial year to date and the two before it, for NI 30),
/// whatever the history, and nothing written. Rollups hold no personal data, so there is nothing to audit.
/// A councillor gets <see cref="CouncillorView"/> of each completed month and nothing of the month to date, and no
/// financial years: re-offending is not broken down by ward.
/// </summary>
public sealed class GetDashboardHandler(IDocumentStore documents, IOptions<PerformanceTargetsOptions> targets, TimeProvider time)
{
    public const int CompletedMonths = 12;

    /// <summary>Financial years of NI 30 shown: the current one and the two before it (one usually past its waiting period).</summary>
    public const int FinancialYears = 3;

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
        var thisYear = ReportingPeriod.Containing(today)[2];
        var years = audience == DashboardAudience.Full
            ? Enumerable.Range(0, FinancialYears).Select(i => ReportingPeriod.FinancialYear(thisYear.Start.Year - FinancialYears + 1 + i)).ToList()
            : [];
        // Every point read started together: one round trip on Cosmos DB, whatever the history.
        var stored = await Task.WhenAll(months.Concat(years).Select(period => documents.ReadAsync<Rollup>(RollupDocuments.KeyOf(period), cancellationToken)));
        var periods = months.Select((period, i) =>
        {
            var rollup = stored[i]?.Value;
            var shown = rollup is null || audience == DashboardAudience.Full ? rollup : CouncillorView.Of(period, rollup);
            return new DashboardPeriod(period, period == current, shown, rollup is not null);
        }).ToList();

        var yearPeriods = years.Select((period, i) =>
        {
            var rollup = stored[months.Count + i]?.Value;
            return new DashboardPeriod(period, period == thisYear, rollup, rollup is not null);
        }).ToList();
        return new PerformanceDashboard(audience, today, periods, targets.Value.Targets, yearPeriods);
    }
}
