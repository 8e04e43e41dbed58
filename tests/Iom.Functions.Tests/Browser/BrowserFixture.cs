using System.Net;
using System.Text.Json.Nodes;
using Iom.Application.Identity;
using Iom.Functions.Tests.LocalHost;
using Microsoft.Playwright;

namespace Iom.Functions.Tests.Browser;

/// <summary>
/// One real local host and one headless Chromium for every test of the HTML form. The clock starts on Monday
/// 14 December 2026 and the IOM panel meets on 29 December 2026 and 12 January 2027.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // Debian's Chromium: Playwright's own browser download cannot work here (platform.md).
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;
    private RunningLocalHost? host;

    public RunningLocalHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    // Without Chromium every browser test fails with this (never skips); the HTTP-level tests still run.
    public IBrowser Browser => browser ?? throw new InvalidOperationException(
        $"Chromium is not installed at {ChromiumPath}; the browser tests need it. Install Debian's chromium package " +
        "(apt-get install chromium chromium-driver), as .ci/run does.");

    public async ValueTask InitializeAsync()
    {
        host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);
        foreach (var date in new[] { "2026-12-29", "2027-01-12" })
        {
            var request = RunningLocalHost.Request(HttpMethod.Post, "/api/panels/iom/meetings", Roles.Coordinator);
            request.Content = RunningLocalHost.Json(new JsonObject { ["date"] = date }.ToJsonString());
            var created = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        // Expect(...) retries for 5 s by default: too short on a loaded machine for the same reason as the page timeout.
        Assertions.SetDefaultExpectTimeout(60_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) signed in through the X-MS-CLIENT-PRINCIPAL header, as in Azure.</summary>
    public async Task<IPage> NewPageAsync(
        string role = Roles.Referrer, string? agency = "police", string email = "sam.patel@met.example.gov.uk", bool javaScript = true, string name = "Sam Patel")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            ExtraHTTPHeaders = new Dictionary<string, string>
            {
                [ClientPrincipal.HeaderName] = ClientPrincipal.Encode($"user-{email}", name, email, agency, [role]),
            },
        });
        // Playwright's 30 s default was reached under a full suite on two cores (load about 30); speed is measured in
        // bench/, not asserted, so waits here only need to outlast a loaded machine.
        context.SetDefaultTimeout(90_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
