using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Http;

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
