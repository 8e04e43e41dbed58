using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Http;

/// <summary>
/// What sits in front of the app and vouches for X-MS-CLIENT-PRINCIPAL. The header is only an identity when something
/// the app trusts set it: App Service Authentication in Azure (which does not let external requests set it), or the
/// local host's development identity on a developer's machine. Without such a front end the header is a claim anyone
/// can type, so every non-anonymous request is refused.
/// </summary>
public interface IAuthenticationFrontEnd
{
    /// <summary>Null when the front end enforces sign-in; otherwise why identity cannot be trusted (no secrets).</summary>
    string? NotEnforcedReason { get; }

    /// <summary>Where a person in a browser without a session is sent to sign in, to come back to <paramref name="returnPath"/>.</summary>
    string SignInUrl(string returnPath);
}

/// <summary>
/// App Service Authentication ("Easy Auth"). The platform sets <c>WEBSITE_AUTH_ENABLED=True</c> in the app's
/// environment when the module is on; a slot or redeploy without it leaves the variable unset, and then nothing is
/// trusted. Sign-in is the module's own endpoint, <c>/.auth/login/{provider}</c>, which returns to a relative
/// <c>post_login_redirect_uri</c>.
/// </summary>
public sealed class AppServiceAuthentication(IConfiguration configuration, IOptions<IdentityProviderOptions> options) : IAuthenticationFrontEnd
{
    public const string EnabledSetting = "WEBSITE_AUTH_ENABLED";

    public string? NotEnforcedReason =>
        string.Equals(configuration[EnabledSetting], "True", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"App Service Authentication is not enabled in front of this app ({EnabledSetting} is not True), so no caller identity is trusted.";

    public string SignInUrl(string returnPath) =>
        $"/.auth/login/{Uri.EscapeDataString(options.Value.IdentityProvider)}?post_login_redirect_uri={Uri.EscapeDataString(returnPath)}";
}

/// <summary>Configuration section "Authentication": whose sign-ins the app accepts.</summary>
public sealed class IdentityProviderOptions
{
    public const string SectionName = "Authentication";

    /// <summary>The principal's <c>auth_typ</c> must be this: the provider configured in App Service Authentication.</summary>
    [Required] public string IdentityProvider { get; set; } = "aad";

    /// <summary>When set, the principal's tenant (<c>tid</c>) must be this Entra tenant (Bicep sets the partnership's).</summary>
    public string? TenantId { get; set; }
}

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
