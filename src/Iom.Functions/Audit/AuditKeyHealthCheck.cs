using Iom.Application.Audit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Functions.Audit;

/// <summary>
/// Healthy when the audit chain's key can be read and is well formed. Without it no audit record can be written, and
/// so no personal data read or changed: better seen on /api/health at deployment than on the first request.
/// </summary>
internal sealed class AuditKeyHealthCheck(AuditTrail trail) : IHealthCheck
{
    public const string Name = "audit-chain-key";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await trail.KeysAsync(cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy();
    }
}
