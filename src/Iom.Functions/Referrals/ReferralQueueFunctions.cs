using Iom.Application.Referrals;
using Iom.Application.Referrals.Acknowledge;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Referrals;

public sealed class ReferralQueueFunctions(AcknowledgeReferral acknowledge, RelistAwaitingReferrals relist)
{
    [Function("AcknowledgeReferral")]
    public Task Acknowledge(
        [QueueTrigger(ReferralQueues.Acknowledgements, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        acknowledge.HandleAsync(message, cancellationToken);

    [Function("RelistAwaitingReferrals")]
    public Task Relist(
        [QueueTrigger(ReferralQueues.Relisting, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        relist.HandleAsync(message, System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N"), cancellationToken);
}
