using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Performance;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// The nightly rollup run, at 02:00 Europe/London. The timer fires at 01:00 and 02:00 UTC (its CRON is UTC), so one
/// of the two firings is at or after 02:00 London whatever the season, including both clock-change nights; the run
/// goes ahead at the first firing on or after 02:00 London time that finds no run record for that London date, and
/// creates the record before anything else, so the other firing, a retry or a doubled trigger does nothing.
/// Each run computes the month to date; every completed month not yet final, back to the last final one (at most
/// <see cref="MonthsBack"/>; a month final under older definitions is not), the month just ended among them, now final; and the quarters and financial years those
/// months fall in. The run costs the day's changes (<see cref="IncrementalRollups"/>): a full pass over the facts is its
/// fallback, not its routine.
/// </summary>
public sealed class NightlyRollups(IDocumentStore documents, IncrementalRollups incremental, TimeProvider time)
{
    /// <summary>The timer's CRON (with seconds), in UTC: 01:00 and 02:00, one of which is 02:00 in London in every season.</summary>
    public const string Schedule = "0 0 1,2 * * *";

    /// <summary>The London time of day the run is for.</summary>
    public static readonly TimeSpan RunsAt = TimeSpan.FromHours(2);

    /// <summary>How far back a run looks for a month not yet final: a year, so a first run or a long outage is bounded.</summary>
    public const int MonthsBack = 12;

    public async Task<NightlyRollupReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var london = LondonTime.ToLondon(now);
        var night = DateOnly.FromDateTime(london.DateTime);
        if (london.TimeOfDay < RunsAt)
        {
            return new NightlyRollupReport(night, false, "before-02:00", []);
        }

        var claim = RollupDocuments.RunKeyOf(night);
        try
        {
            await documents.CreateAsync(claim, new NightlyRollupRun(night, now), cancellationToken);
        }
        catch (DocumentConflictException)
        {
            return new NightlyRollupReport(night, false, "already-ran", []);
        }

        try
        {
            var periods = await PeriodsAsync(night, cancellationToken);
            var state = await incremental.RunAsync(night, periods, cancellationToken);
            return new NightlyRollupReport(night, true, null, [.. periods.Select(p => p.Name)], state);
        }
        catch
        {
            // Give the night back, so a retry can run it; the claim only ever stops a second run, never the first.
            await documents.DeleteAsync(claim, cancellationToken: CancellationToken.None);
            throw;
        }
    }

    // The month to date, then each completed month back to the last final one, then their quarters and financial
    // years; each period once, in that order.
    private async Task<IReadOnlyList<ReportingPeriod>> PeriodsAsync(DateOnly night, CancellationToken cancellationToken)
    {
        var current = ReportingPeriod.Month(night.Year, night.Month);
        var months = new List<ReportingPeriod> { current };
        foreach (var period in current.MonthsBefore(MonthsBack))
        {
            var stored = await documents.ReadAsync<Rollup>(RollupDocuments.KeyOf(period), cancellationToken);
            // A month final under today's definitions is done; one final under older definitions is computed again.
            if (stored is { Value.Final: true } && stored.Value.DefinitionsVersion == RollupCalculator.DefinitionsVersion)
            {
                break;
            }

            months.Add(period);
        }

        var periods = new List<ReportingPeriod>(months);
        foreach (var m in months)
        {
            periods.AddRange(ReportingPeriod.Containing(m.Start).Skip(1).Where(p => !periods.Contains(p)));
        }

        return periods;
    }
}
