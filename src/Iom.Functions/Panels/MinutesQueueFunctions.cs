using Iom.Application.Cohort;
using Iom.Application.Panels.Minutes;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Panels;

public sealed class MinutesQueueFunctions(ApplyMinutes apply, PublishCohortEvent publish)
{
    [Function("ApplyMinutes")]
    public Task Apply(
        [QueueTrigger(MinutesQueues.Apply, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        apply.HandleAsync(message, cancellationToken);

    [Function("PublishCohortEvent")]
    public Task Publish(
        [QueueTrigger(CohortQueues.Events, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        publish.HandleAsync(message, cancellationToken);
}
