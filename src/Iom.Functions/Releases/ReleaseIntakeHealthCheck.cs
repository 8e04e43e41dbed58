using Iom.Functions.Security;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Functions.Releases;

/// <summary>
/// Whether prisons can report releases: with no prison key every signed notification is refused. Degraded, not
/// unhealthy (the form and the national queue still work). Its reason is public: it names a setting, no secret.
/// </summary>
public sealed class ReleaseIntakeHealthCheck(PrisonReleaseSignature signature) : IHealthCheck
{
    public const string Name = "release-intake";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(signature.NotConfiguredReason is { } reason
            ? HealthCheckResult.Degraded(reason)
            : HealthCheckResult.Healthy("Prisons' signed release notifications are accepted."));
}
