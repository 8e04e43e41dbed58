using Iom.Application.Ports.Secrets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Adapters.SendGrid;

/// <summary>
/// Healthy when the SendGrid API key can be read from the secret store; a missing key throws, which the health check
/// service reports as unhealthy with the reason.
/// </summary>
public sealed class SendGridApiKeyHealthCheck(ISecretStore secrets) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await secrets.GetSecretAsync(SecretNames.SendGridApiKey, cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy();
    }
}
