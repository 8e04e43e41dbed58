using Azure.Storage.Queues;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Adapters.StorageQueues;

/// <summary>Healthy when the account answers a one-item queue listing (a data-plane call managed identity may make).</summary>
public sealed class StorageQueueHealthCheck(QueueServiceClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var _ in client.GetQueuesAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).ConfigureAwait(false))
            {
                break;
            }

            return HealthCheckResult.Healthy(client.Uri.ToString());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Queues at {client.Uri} do not answer.", e);
        }
    }
}
