using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Iom.Application.Identity;
using Iom.Functions.Http;
using Iom.Functions.Referrals.Form;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Iom.Functions.Tests.Http;

/// <summary>
/// X-MS-CLIENT-PRINCIPAL is an identity only behind a front end that enforces sign-in (App Service Authentication,
/// told by WEBSITE_AUTH_ENABLED; or the local host in Development), and only from the configured provider and tenant.
/// A person opening a page without a session is sent to sign in and brought back; an API caller gets 401.
/// </summary>
public sealed partial class IdentityGateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The local host with the Azure worker's front end, <see cref="AppServiceAuthentication"/>, as in a deployment.</summary>
    internal static Task<RunningLocalHost> AsDeployedAsync(params string[] args) =>
        RunningLocalHost.StartAsync(extraArgs: args, overrideServices: services =>
            services.Replace(ServiceDescriptor.Singleton<IAuthenticationFrontEnd, AppServiceAuthentication>()));

    private static HttpRequestMessage Get(string path, string? role = Roles.Coordinator, string? accept = null)
    {
        var request = RunningLocalHost.Request(HttpMethod.Get, path, role);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return request;
    }

    private static HttpRequestMessage WithPrincipal(HttpMethod method, string path, string principal)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(ClientPrincipal.HeaderName, principal);
        return request;
    }

    [Fact]
    public async Task Without_app_service_authentication_a_principal_header_reaches_nothing_and_health_says_why()
    {
        await using var host = await AsDeployedAsync();

        // Anyone can type this header: with the platform's authentication off it is not an identity.
        var forged = await host.Client.SendAsync(Get("/api/people/0123456789abcdef0123456789abcdef/export", Roles.Auditor), Ct);
        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        forged.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await forged.Content.ReadAsStringAsync(Ct)).ShouldContain(AppServiceAuthentication.EnabledSetting);

        var health = await host.Client.GetAsync("/api/health", Ct);
        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var body = await health.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("checks").GetProperty(AuthenticationFrontEndHealthCheck.Name).GetString().ShouldBe("Unhealthy");
        body.GetProperty("reasons").GetProperty(AuthenticationFrontEndHealthCheck.Name).GetString()!.ShouldContain("not enabled");
        // Only checks whose reasons name a setting give one (authentication; release intake, which has no prison key in
        // this host): the others' descriptions (paths, endpoints) stay private.
        body.GetProperty("reasons").EnumerateObject().Select(p => p.Name)
            .ShouldBe([AuthenticationFrontEndHealthCheck.Name, Iom.Functions.Releases.ReleaseIntakeHealthCheck.Name], ignoreOrder: true);
    }

    [Fact]
    public async Task With_app_service_authentication_on_the_principal_is_trusted_and_health_says_so()
    {
        await using var host = await AsDeployedAsync("--WEBSITE_AUTH_ENABLED=True");
        var (id, _) = await host.ReferAsync(ReferralApiTests.ValidReferral());

        (await host.Client.SendAsync(Get($"/api/referrals/{id}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var health = await host.Client.GetFromJsonAsync<JsonElement>("/api/health", Ct);
        health.GetProperty("checks").GetProperty(AuthenticationFrontEndHealthCheck.Name).GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task A_principal_from_another_identity_provider_or_tenant_is_refused_401()
    {
        await using var host = await AsDeployedAsync("--WEBSITE_AUTH_ENABLED=True", "--Authentication:TenantId=tenant-a");
        async Task<HttpStatusCode> List(string principal) =>
            (await host.Client.SendAsync(WithPrincipal(HttpMethod.Get, "/api/referrals?panel=iom", principal), Ct)).StatusCode;

        (await List(ClientPrincipal.Encode("o-1", "C", "c@council.example", "council", [Roles.Coordinator], tenantId: "tenant-a"))).ShouldBe(HttpStatusCode.OK);
        (await List(ClientPrincipal.Encode("o-1", "C", "c@council.example", "council", [Roles.Coordinator], tenantId: "tenant-b"))).ShouldBe(HttpStatusCode.Unauthorized);
        (await List(ClientPrincipal.Encode("o-1", "C", "c@council.example", "council", [Roles.Coordinator]))).ShouldBe(HttpStatusCode.Unauthorized);
        (await List(ClientPrincipal.Encode("o-1", "C", "c@council.example", "council", [Roles.Coordinator], authType: "google", tenantId: "tenant-a"))).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_browser_opening_the_form_without_a_session_is_sent_to_app_service_sign_in_and_an_api_caller_gets_401()
    {
        await using var host = await AsDeployedAsync("--WEBSITE_AUTH_ENABLED=True");
        // The redirect is what is checked; App Service's sign-in endpoint does not exist here.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

        var browser = await client.SendAsync(Get(ReferralFormFunctions.FormPath, role: null, accept: "text/html,application/xhtml+xml,*/*;q=0.8"), Ct);
        browser.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        browser.Headers.Location!.OriginalString.ShouldBe("/.auth/login/aad?post_login_redirect_uri=%2Fapi%2Freferrals%2Fnew%3Fsigned-in%3D1");
        browser.Headers.CacheControl!.NoStore.ShouldBeTrue();

        // A form posted after the session ended goes to sign in and back to the form (a POST cannot be replayed).
        var post = new HttpRequestMessage(HttpMethod.Post, ReferralFormFunctions.FormPath) { Content = new FormUrlEncodedContent([]) };
        post.Headers.Accept.ParseAdd("text/html");
        (await client.SendAsync(post, Ct)).Headers.Location!.OriginalString.ShouldEndWith("post_login_redirect_uri=%2Fapi%2Freferrals%2Fnew%3Fsigned-in%3D1");

        foreach (var api in new[]
                 {
                     Get(ReferralFormFunctions.FormPath, role: null, accept: "application/json"),
                     Get(ReferralFormFunctions.FormPath, role: null),
                     Script(Get(ReferralFormFunctions.FormPath, role: null, accept: "text/html")),
                     // Back from sign-in and still no principal: 401 rather than a loop.
                     Get(ReferralFormFunctions.FormPath + "?signed-in=1", role: null, accept: "text/html"),
                     // Not a page: the JSON API answers 401 to a browser too.
                     Get("/api/referrals?panel=iom", role: null, accept: "text/html"),
                 })
        {
            var response = await client.SendAsync(api, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, api.RequestUri!.ToString());
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
    }

    [Fact]
    public async Task With_authentication_off_a_browser_gets_401_rather_than_a_sign_in_that_could_not_work()
    {
        await using var host = await AsDeployedAsync();

        var response = await host.Client.SendAsync(Get(ReferralFormFunctions.FormPath, role: null, accept: "text/html"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_person_opening_the_form_without_a_session_signs_in_is_brought_back_and_keeps_the_session_for_the_post()
    {
        await using var host = await RunningLocalHost.StartAsync();
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var browser = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        // Sent to the local host's sign-in (the development identity), which knows where to come back to.
        var signIn = await browser.GetAsync(ReferralFormFunctions.FormPath, Ct);
        signIn.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/dev/identity");
        var page = await signIn.Content.ReadAsStringAsync(Ct);
        page.ShouldContain("name=\"returnUrl\" value=\"/api/referrals/new?signed-in=1\"");

        var token = AntiforgeryField().Match(page);
        using var identity = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = token.Groups["value"].Value,
            ["name"] = "Riley Referrer",
            ["agency"] = "police",
            ["roles"] = Roles.Referrer,
            ["returnUrl"] = "/api/referrals/new?signed-in=1",
        });
        var form = await browser.PostAsync("/dev/identity", identity, Ct);

        form.StatusCode.ShouldBe(HttpStatusCode.OK);
        form.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe(ReferralFormFunctions.FormPath);
        var formPage = await form.Content.ReadAsStringAsync(Ct);
        formPage.ShouldContain("<form");

        // The same session carries the POST: an empty form is answered with its errors, not a sign-in or a 401.
        var formToken = AntiforgeryField().Match(formPage);
        using var empty = new FormUrlEncodedContent(new Dictionary<string, string> { [formToken.Groups["name"].Value] = formToken.Groups["value"].Value });
        var posted = await browser.PostAsync(ReferralFormFunctions.FormPath, empty, Ct);
        posted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        posted.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe(ReferralFormFunctions.FormPath);
        posted.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }

    private static HttpRequestMessage Script(HttpRequestMessage request)
    {
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        return request;
    }

    [GeneratedRegex("name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
