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
/// A councillor gets the <see cref="CouncillorView"/> first published of each completed month
/// (<see cref="PublishedCouncillorView"/>), nothing of the month to date and no financial years: re-offending is not
/// broken down by ward.
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

    public Task<PerformanceDashboard> HandleAsync(Caller caller, CancellationToken cancellationToken) => HandleAsync(caller, null, cancellationToken);

    /// <param name="period">
    /// The period of the breakdown tables (analysts and co-ordinators): a month, quarter or financial year by name; null
    /// for the last final month of the twelve shown (the last completed one when none is final yet).
    /// </param>
    /// <exception cref="Errors.ValidationFailedException">The period is not a period's name.</exception>
    public async Task<PerformanceDashboard> HandleAsync(Caller caller, string? period, CancellationToken cancellationToken)
    {
        var audience = AudienceOf(caller);
        // Checked whoever asks, before anything is read: a malformed period is the caller's mistake (400).
        var chosen = period is null ? null : RollupPeriods.Parse(period);
        var today = LondonTime.LondonDate(time.GetUtcNow());
        var current = ReportingPeriod.Month(today.Year, today.Month);
        // Earliest first, the month to date last.
        var months = current.MonthsBefore(CompletedMonths).Reverse().Append(current).ToList();
        var thisYear = ReportingPeriod.Containing(today)[2];
        var years = audience == DashboardAudience.Full
            ? Enumerable.Range(0, FinancialYears).Select(i => ReportingPeriod.FinancialYear(thisYear.Start.Year - FinancialYears + 1 + i)).ToList()
            : [];
        // Every point read started together (one more for breakdowns of a period not among them): one round trip on
        // Cosmos DB, whatever the history.
        var beyond = audience == DashboardAudience.Full && chosen is not null && !months.Contains(chosen) && !years.Contains(chosen)
            ? documents.ReadAsync<Rollup>(RollupDocuments.KeyOf(chosen), cancellationToken)
            : null;
        var monthReads = months.Select(period => audience == DashboardAudience.Full || period == current
            ? ReadRollupAsync(period, audience, cancellationToken)
            : ReadPublishedAsync(period, cancellationToken)).ToList();
        var yearReads = years.Select(period => ReadRollupAsync(period, audience, cancellationToken)).ToList();
        var read = await Task.WhenAll(monthReads);
        var yearRead = await Task.WhenAll(yearReads);
        var periods = months.Select((period, i) => new DashboardPeriod(period, period == current, read[i].Shown, read[i].Computed)).ToList();
        var yearPeriods = years.Select((period, i) => new DashboardPeriod(period, period == thisYear, yearRead[i].Shown, yearRead[i].Computed)).ToList();

        DashboardBreakdowns? breakdowns = null;
        if (audience == DashboardAudience.Full)
        {
            var selected = chosen
                ?? periods.Take(CompletedMonths).LastOrDefault(p => p.Rollup is { Final: true })?.Period
                ?? months[CompletedMonths - 1];
            var shown = beyond is null ? periods.Concat(yearPeriods).First(p => p.Period == selected).Rollup : (await beyond)?.Value;
            breakdowns = new DashboardBreakdowns(selected, shown);
        }

        return new PerformanceDashboard(audience, today, periods, targets.Value.Targets, yearPeriods, breakdowns);
    }

    private async Task<(Rollup? Shown, bool Computed)> ReadRollupAsync(ReportingPeriod period, DashboardAudience audience, CancellationToken cancellationToken)
    {
        var rollup = (await documents.ReadAsync<Rollup>(RollupDocuments.KeyOf(period), cancellationToken))?.Value;
        // A councillor reads this only for the month to date, of which they see nothing.
        return (audience == DashboardAudience.Full ? rollup : null, rollup is not null);
    }

    /// <summary>
    /// A councillor's completed month: the view first published of it, never one made from the rollup now stored, which
    /// a recompute may have changed since (docs/performance-dashboard.md, "Recomputed months").
    /// </summary>
    private async Task<(Rollup? Shown, bool Computed)> ReadPublishedAsync(ReportingPeriod period, CancellationToken cancellationToken)
    {
        var published = (await documents.ReadAsync<PublishedCouncillorView>(RollupDocuments.CouncillorViewKeyOf(period), cancellationToken))?.Value;
        return (published?.View, published is not null);
    }
}
