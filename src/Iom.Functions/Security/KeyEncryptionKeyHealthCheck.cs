using Iom.Application.Ports.Secrets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Functions.Security;

/// <summary>
/// Healthy when the key-encryption key of the data-protection key ring can be read and is well formed. A missing or
/// malformed secret throws (the message names the secret, never its value), which the health check service reports as
/// unhealthy: seen on /api/health at deployment rather than on the first form someone opens.
/// </summary>
internal sealed class KeyEncryptionKeyHealthCheck(ISecretStore secrets) : IHealthCheck
{
    public const string Name = "data-protection-kek";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await KeyEncryptionKeys.ReadAsync(secrets, cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy();
    }
}
