using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Functions.Http;

/// <summary>Health says whether identity is trusted, and why not, so a deployment without sign-in shows at once.</summary>
public sealed class AuthenticationFrontEndHealthCheck(IAuthenticationFrontEnd frontEnd) : IHealthCheck
{
    public const string Name = "authentication";

    /// <summary>Checks with this tag have their description shown by the anonymous health endpoint: it holds no secrets.</summary>
    public const string PublicReasonTag = "public-reason";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(frontEnd.NotEnforcedReason is { } reason
            ? HealthCheckResult.Unhealthy(reason)
            : HealthCheckResult.Healthy("Sign-in is enforced in front of the app."));
}
