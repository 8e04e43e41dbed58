using Iom.Application.Identity;
using Iom.LocalHost;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Tests.Security;

/// <summary>The form's anti-forgery cookie: Secure everywhere but Development, where the local host speaks plain HTTP.</summary>
public sealed class AntiforgeryCookieTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_development_the_antiforgery_cookie_is_secure_http_only_and_same_site_strict_even_when_the_worker_sees_plain_http(string environment)
    {
        // In Azure the worker is reached over plain HTTP by the Functions host in front of it, whatever the browser used.
        var cookie = await AntiforgeryCookieAsync(environment, scheme: "http");

        var attributes = Attributes(cookie);
        attributes.ShouldContain("secure");
        attributes.ShouldContain("httponly");
        attributes.ShouldContain("samesite=strict");
        cookie.ShouldStartWith(".AspNetCore.Antiforgery.");
    }

    [Fact]
    public async Task In_development_the_antiforgery_cookie_follows_the_request_so_the_local_host_works_over_http()
    {
        Attributes(await AntiforgeryCookieAsync("Development", scheme: "http")).ShouldNotContain("secure");
        Attributes(await AntiforgeryCookieAsync("Development", scheme: "https")).ShouldContain("secure");
    }

    private static List<string> Attributes(string setCookie) =>
        setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();

    private static async Task<string> AntiforgeryCookieAsync(string environment, string scheme)
    {
        var data = Directory.CreateTempSubdirectory("iom-antiforgery-").FullName;
        await using var app = LocalHostApp.Build(["--Urls=http://127.0.0.1:0", $"--Sqlite:DataDirectory={data}", $"--environment={environment}"]);
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString("127.0.0.1");
        context.Request.Headers[ClientPrincipal.HeaderName] = ClientPrincipal.Encode("u-1", "Referrer", "r@police.example", "police", [Roles.Referrer]);

        app.Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);

        return context.Response.Headers.SetCookie.ToString().ShouldNotBeNull();
    }
}
