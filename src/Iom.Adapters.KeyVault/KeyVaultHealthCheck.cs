using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Adapters.KeyVault;

/// <summary>
/// Healthy when the vault answers a listing of secret names (no values are read) with our identity. A failure throws,
/// which the health check service reports as unhealthy with the reason.
/// </summary>
public sealed class KeyVaultHealthCheck(SecretClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await foreach (var _ in client.GetPropertiesOfSecretsAsync(cancellationToken).AsPages(pageSizeHint: 1)
                           .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            break;
        }

        return HealthCheckResult.Healthy();
    }
}
