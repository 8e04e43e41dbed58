using Iom.Application.Panels.Circulations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Functions.Panels.Circulations;

/// <summary>
/// Healthy when the link-signing key can be read and is well formed: without it no circulation can be sent (every
/// e-mail carries a signed link) and no link opened. Better seen on /api/health at deployment than at 6 in the morning.
/// </summary>
internal sealed class LinksKeyHealthCheck(CirculationLinks links) : IHealthCheck
{
    public const string Name = "links-signing-key";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await links.KeysAsync(cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy();
    }
}
