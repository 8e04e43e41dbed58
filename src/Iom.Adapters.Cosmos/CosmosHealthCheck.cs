using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Adapters.Cosmos;

/// <summary>Healthy when the database can be read.</summary>
public sealed class CosmosHealthCheck(CosmosResources resources) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await resources.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            using var response = await resources.Database.ReadStreamAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy(resources.Database.Id)
                : HealthCheckResult.Unhealthy($"Reading database {resources.Database.Id} answered {(int)response.StatusCode}: {response.ErrorMessage}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Database {resources.Database.Id} cannot be read.", e);
        }
    }
}
