using Iom.Application.Performance.Rollups;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Performance;

public sealed partial class NightlyRollupFunction(NightlyRollups rollups, ILogger<NightlyRollupFunction> logger)
{
    /// <summary>
    /// 02:00 Europe/London every night, across clock changes: the Functions timer's CRON is UTC (there is no
    /// WEBSITE_TIME_ZONE on Linux Flex), so it fires at 01:00 and 02:00 UTC and <see cref="NightlyRollups"/> runs
    /// only the first firing at or after 02:00 London time, once per London date (its run record).
    /// </summary>
    [Function("ComputeNightlyRollups")]
    public async Task Run([TimerTrigger(NightlyRollups.Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await rollups.RunAsync(cancellationToken);
        if (report.Ran)
        {
            Ran(logger, report.Night, report.Periods.Count, report.Periods[0]);
        }
        else
        {
            Skipped(logger, report.Night, report.Why);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly rollups for {Night}: computed {Count} periods, from {MonthToDate}.")]
    private static partial void Ran(ILogger logger, DateOnly night, int count, string monthToDate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly rollups for {Night}: not run ({Why}).")]
    private static partial void Skipped(ILogger logger, DateOnly night, string? why);
}
