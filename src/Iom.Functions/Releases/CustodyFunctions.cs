using Iom.Application.Releases;
using Iom.Application.Releases.Custody;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Releases;

/// <summary>The custody record and its reminders: from <c>release-custody</c> to <c>release-alerts</c> (docs/releases.md).</summary>
public sealed partial class CustodyFunctions(
    ApplyReleaseToCustody apply, StoreReleaseReminders store, SendDueReleaseReminders reminders, ILogger<CustodyFunctions> logger)
{
    [Function("ApplyReleaseToCustody")]
    public Task Apply(
        [QueueTrigger(ReleaseQueues.Custody, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        apply.HandleAsync(message, cancellationToken);

    [Function("StoreReleaseReminders")]
    public Task Store(
        [QueueTrigger(CustodyQueues.Reminders, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        store.HandleAsync(message, cancellationToken);

    /// <summary>
    /// Hourly at hh:05 UTC: a day's reminders go from 07:00 London (the handler decides by London time, so BST needs no
    /// second schedule), and one learnt during the day goes within the hour. A second run raises nothing twice.
    /// </summary>
    [Function("RemindExpectedReleases")]
    public async Task Remind([TimerTrigger("0 5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await reminders.HandleAsync(cancellationToken);
        if (report.Failed > 0)
        {
            LogFailures(logger, report.Failed);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failed} release reminders were left for the next run")]
    private static partial void LogFailures(ILogger logger, int failed);
}
