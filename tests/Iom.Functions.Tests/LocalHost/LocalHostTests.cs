using System.Net;
using System.Text.RegularExpressions;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Functions.Http;
using Iom.LocalHost;

namespace Iom.Functions.Tests.LocalHost;

[DocumentKind("local-host-test-note")]
public sealed record Note(string Text);

public sealed partial class LocalHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_http_function_of_the_app_declares_an_access_policy()
    {
        var undeclared = FunctionCatalog.ForApp().Http.Where(f => f.Policy is null).Select(f => f.Name).ToList();

        undeclared.ShouldBeEmpty();
    }

    [Fact]
    public void The_local_host_refuses_to_start_with_an_http_function_that_declares_no_policy()
    {
        var refusal = Should.Throw<InvalidOperationException>(() =>
            LocalHostApp.Build(["--Urls=http://127.0.0.1:0"], [typeof(UndeclaredFunction)]));

        refusal.Message.ShouldContain("Undeclared");
    }

    [Fact]
    public void The_local_host_refuses_to_bind_beyond_loopback()
    {
        Should.Throw<InvalidOperationException>(() => LocalHostApp.Build(["--Urls=http://0.0.0.0:7071"]))
              .Message.ShouldContain("loopback");
    }

    [Fact]
    public void A_set_start_moment_is_refused_outside_development()
    {
        Should.Throw<InvalidOperationException>(() =>
                LocalHostApp.Build(["--Urls=http://127.0.0.1:0", "--environment=Production", "--Clock:StartAt=2026-12-14T09:00:00Z"])
                            .Services.GetRequiredService<TimeProvider>())
              .Message.ShouldContain("development only");
    }

    [Fact]
    public async Task A_set_start_moment_starts_the_clock_there_and_lets_it_run()
    {
        await using var host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);

        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

        now.ShouldBeInRange(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                            DateTimeOffset.Parse("2026-12-14T09:01:00Z", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_restart_keeps_the_data()
    {
        var data = Directory.CreateTempSubdirectory("iom-restart-").FullName;
        var key = new DocumentKey(Containers.Operations, "restart", "note-1");
        await using (var first = await RunningLocalHost.StartAsync(data))
        {
            await first.Services.GetRequiredService<IDocumentStore>().CreateAsync(key, new Note("kept"), Ct);
        }

        await using var second = await RunningLocalHost.StartAsync(data);
        var stored = await second.Services.GetRequiredService<IDocumentStore>().ReadAsync<Note>(key, Ct);

        stored!.Value.Text.ShouldBe("kept");
    }

    [Fact]
    public async Task A_person_in_a_browser_can_pick_a_development_identity_without_editing_headers()
    {
        await using var host = await RunningLocalHost.StartAsync();
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var browser = new HttpClient(handler) { BaseAddress = host.BaseAddress };

        var page = await browser.GetStringAsync("/dev/identity", Ct);
        var token = AntiforgeryField().Match(page);
        token.Success.ShouldBeTrue();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = token.Groups["value"].Value,
            ["name"] = "Casey Coordinator",
            ["agency"] = "council",
            ["roles"] = Roles.Coordinator,
            ["returnUrl"] = "/api/probe/whoami",
        });
        var response = await browser.PostAsync("/dev/identity", form, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var whoami = await response.Content.ReadAsStringAsync(Ct);
        whoami.ShouldContain("\"agency\":\"council\"");
        whoami.ShouldContain(Roles.Coordinator);
    }

    [Fact]
    public async Task The_development_identity_page_offers_the_apps_own_current_agencies_by_name_and_refuses_any_other()
    {
        // One list: retiring an agency in the app's configuration takes it off the sign-in page too.
        await using var host = await RunningLocalHost.StartAsync(extraArgs: ["--Agencies:7:Retired=true"]);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        var shipped = (Iom.Domain.Agencies.AgencyList)host.Services.GetService(typeof(Iom.Domain.Agencies.AgencyList))!;

        var page = await browser.GetStringAsync("/dev/identity", Ct);

        var select = page[page.IndexOf("<select id=\"agency\"", StringComparison.Ordinal)..];
        var offered = AgencyOption().Matches(select[..select.IndexOf("</select>", StringComparison.Ordinal)]).Select(m => (m.Groups["code"].Value, m.Groups["name"].Value)).ToList();
        offered.ShouldBe([.. shipped.Current.Select(a => (a.Code, a.Name))]);
        offered.ShouldContain(("probation", "Probation Service"));
        offered.Select(o => o.Item1).ShouldNotContain("cps");
        var token = AntiforgeryField().Match(page);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = token.Groups["value"].Value,
            ["name"] = "Casey",
            ["agency"] = "cps",
            ["roles"] = Roles.Referrer,
        });
        var refused = await browser.PostAsync("/dev/identity", form, Ct);
        refused.Headers.Location!.ToString().ShouldEndWith("?error=1");
        refused.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [GeneratedRegex("<option value=\"(?<code>[a-z0-9-]+)\">(?<name>[^<]+)</option>")]
    private static partial Regex AgencyOption();

    [Fact]
    public async Task A_person_can_act_as_a_demo_panel_member_and_reaches_that_members_panels_only()
    {
        await using var host = await RunningLocalHost.StartAsync();
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var browser = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        var member = DemoPeople.ObjectIdOf("ppo.police@richmond-iom.example"); // sits on the IOM Panel only

        var page = await browser.GetStringAsync("/dev/identity", Ct);
        page.ShouldContain($"<option value=\"{member}\">PPO Officer (Richmond Police)</option>");
        var token = AntiforgeryField().Match(page);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = token.Groups["value"].Value,
            ["name"] = "ignored when a member is chosen",
            ["member"] = member,
            ["agency"] = "police",
            ["roles"] = Roles.PanelMember,
            ["returnUrl"] = "/api/referrals?panel=iom",
        });

        (await browser.PostAsync("/dev/identity", form, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/api/referrals?panel=asb", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_development_identity_form_refuses_a_post_without_its_antiforgery_token()
    {
        await using var host = await RunningLocalHost.StartAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "X", ["agency"] = "police", ["roles"] = Roles.Auditor });

        var response = await host.Client.PostAsync("/dev/identity", form, Ct);

        response.IsSuccessStatusCode.ShouldBeFalse();
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [GeneratedRegex("name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
