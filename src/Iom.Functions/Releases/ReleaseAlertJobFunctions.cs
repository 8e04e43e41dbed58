using Iom.Application.Releases;
using Iom.Application.Releases.Alerts;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Releases;

/// <summary>The alert stage's queue and timer functions: raise an alert, record when it escalates, escalate what is overdue.</summary>
public sealed class ReleaseAlertJobFunctions(RaiseReleaseAlert raise, ScheduleReleaseAlertEscalation schedule, EscalateReleaseAlerts escalate)
{
    [Function("RaiseReleaseAlert")]
    public Task Raise(
        [QueueTrigger(ReleaseQueues.Alerts, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        raise.HandleAsync(message, cancellationToken);

    [Function("ScheduleReleaseAlertEscalation")]
    public Task Schedule(
        [QueueTrigger(ReleaseAlertQueues.Escalations, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        schedule.HandleAsync(message, cancellationToken);

    /// <summary>Every 5 minutes: a lead professional is escalated at most 5 minutes after their due time, at the cost of one small indexed query.</summary>
    [Function("EscalateReleaseAlerts")]
    public Task Escalate([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        escalate.HandleAsync(cancellationToken);
}
