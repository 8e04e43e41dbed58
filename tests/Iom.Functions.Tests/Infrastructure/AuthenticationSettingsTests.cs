using System.Text.Json;
using Iom.Functions.Http;

namespace Iom.Functions.Tests.Infrastructure;

/// <summary>
/// What infra/main.bicep, compiled, asks of App Service Authentication: the platform on, authentication required,
/// 401 for unauthenticated callers, and exactly the app's anonymous and browser-page routes excluded (the pages answer
/// a sign-in redirect themselves). The app trusts identity only on these terms, so a template that drifts from them
/// fails here rather than in Azure.
/// </summary>
public sealed class AuthenticationSettingsTests
{
    private static async Task<(JsonElement Auth, JsonElement AppSettings)> CompiledAsync()
    {
        var resources = BicepTests.Resources(await BicepTests.CompiledAsync()).ToList();
        var auth = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config"
                                         && r.GetProperty("name").GetString()!.Contains("authsettingsV2", StringComparison.Ordinal));
        var site = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");
        return (auth.GetProperty("properties").Clone(), site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").Clone());
    }

    private static string Route(HttpFunction function) => $"/{FunctionCatalog.RoutePrefix}/{function.Route}";

    /// <summary>
    /// The routes the platform must let through unauthenticated: anonymous functions, browser pages and signed callers'
    /// functions (SendGrid cannot sign in; the app checks its signature) with a literal route.
    /// </summary>
    private static HashSet<string> Exempt() =>
    [
        .. FunctionCatalog.ForApp().Http
            .Where(f => f.Policy is { Anonymous: true } or { BrowserPage: true } or { Signer: not null } && !f.Route.Contains('{', StringComparison.Ordinal))
            .Select(Route),
    ];

    [Fact]
    public async Task App_service_authentication_is_on_requires_sign_in_and_answers_401_to_unauthenticated_callers()
    {
        var (auth, _) = await CompiledAsync();

        auth.GetProperty("platform").GetProperty("enabled").GetBoolean().ShouldBeTrue();
        var global = auth.GetProperty("globalValidation");
        global.GetProperty("requireAuthentication").GetBoolean().ShouldBeTrue();
        global.GetProperty("unauthenticatedClientAction").GetString().ShouldBe("Return401");
        auth.GetProperty("httpSettings").GetProperty("requireHttps").GetBoolean().ShouldBeTrue();
        auth.GetProperty("identityProviders").GetProperty("azureActiveDirectory").GetProperty("enabled").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Only_the_anonymous_and_browser_page_routes_are_excluded_from_authentication()
    {
        var (auth, _) = await CompiledAsync();
        var excluded = auth.GetProperty("globalValidation").GetProperty("excludedPaths").EnumerateArray().Select(p => p.GetString()!).ToList();

        excluded.ShouldBe(Exempt(), ignoreOrder: true);
        excluded.ShouldContain("/api/health");
        excluded.ShouldContain(ReferralFormPath);
        excluded.ShouldContain("/api/" + Iom.Functions.Mail.EmailEventFunctions.Route);

        // No excluded path may also be the literal path of a function that is neither anonymous nor a browser page
        // (the app refuses such a function without a principal anyway; the platform's 401 must stay in front of it); a
        // signed caller's function is excluded because its caller cannot sign in, and the app checks its signature.
        // Exclusion is by path, so a person's function sharing its path with a signed caller's (GET /api/prison-releases,
        // the co-ordinator's unmatched list, beside the prisons' POST) is excluded too: there the platform still signs
        // in whoever has a session (it only stops redirecting), and the app answers 401 to a request without a principal,
        // as it does on every browser page.
        var http = FunctionCatalog.ForApp().Http;
        var signedPaths = http.Where(f => f.Policy is { Signer: not null }).Select(Route).ToHashSet();
        http.Where(f => f.Policy is { Anonymous: false, BrowserPage: false, Signer: null } && excluded.Contains(Route(f)) && !signedPaths.Contains(Route(f)))
            .Select(f => f.Name).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_app_is_told_which_identity_provider_and_tenant_to_accept()
    {
        var (_, settings) = await CompiledAsync();
        var values = settings.EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").ToString());

        // Entra ID sign-ins arrive with auth_typ "aad"; the tenant is the one App Service Authentication trusts.
        values["Authentication__IdentityProvider"].ShouldBe(new IdentityProviderOptions().IdentityProvider);
        values["Authentication__TenantId"].ShouldBe("[parameters('tenantId')]");
        // Whether authentication is on must come from the platform itself, never from an app setting we write.
        values.ShouldNotContainKey(AppServiceAuthentication.EnabledSetting);
    }

    private const string ReferralFormPath = Iom.Functions.Referrals.Form.ReferralFormFunctions.FormPath;
}
