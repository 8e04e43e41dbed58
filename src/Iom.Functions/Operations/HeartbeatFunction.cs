using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Operations;

/// <summary>
/// Checks the store and the queue every five minutes and logs the outcome, so an alert rule on the logs notices an
/// outage before a user does.
/// </summary>
public sealed partial class HeartbeatFunction(HealthCheckService health, ILogger<HeartbeatFunction> logger)
{
    [Function("Heartbeat")]
    public async Task Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
        {
            LogUnhealthy(logger, name, entry.Status, entry.Description);
        }

        LogHeartbeat(logger, report.Status, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Heartbeat: {Status} (past due: {PastDue})")]
    private static partial void LogHeartbeat(ILogger logger, HealthStatus status, bool pastDue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat: {Check} is {Status}: {Description}")]
    private static partial void LogUnhealthy(ILogger logger, string check, HealthStatus status, string? description);
}
