using System.Net;
using System.Text.RegularExpressions;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Functions.Security;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Security;

public sealed partial class SharedKeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_form_rendered_by_one_instance_is_accepted_by_another_instance_sharing_the_store()
    {
        var data = Directory.CreateTempSubdirectory("iom-keyring-").FullName;
        await using var first = await RunningLocalHost.StartAsync(data);
        await using var second = await RunningLocalHost.StartAsync(data);
        var cookies = new CookieContainer(); // cookies ignore ports: one browser talking to both instances
        using var toFirst = Browser(first, cookies);
        using var toSecond = Browser(second, cookies);

        var token = TokenInput().Match(await toFirst.GetStringAsync("/api/referrals/new", Ct));
        token.Success.ShouldBeTrue();
        var response = await toSecond.PostAsync("/api/referrals/new", new FormUrlEncodedContent(
        [
            new(token.Groups["name"].Value, token.Groups["value"].Value),
            new("referralType", "iom"),
        ]), Ct);

        // Past the anti-forgery check: the form comes back with field errors, not "this form has expired".
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldNotContain("this form has expired");
        html.ShouldContain("given name");
        html.ShouldContain("govuk-error-summary");
        // ...because the key ring lives in the shared document store, not in a per-instance home folder.
        var keys = new List<DataProtectionKey>();
        await foreach (var key in first.Services.GetRequiredService<IDocumentStore>().ReadPartitionAsync<DataProtectionKey>(Containers.Operations, "data-protection-keys", Ct))
        {
            keys.Add(key.Value);
        }

        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => k.Xml.StartsWith("<key ", StringComparison.Ordinal));
    }

    private static HttpClient Browser(RunningLocalHost host, CookieContainer cookies)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode("u-1", "Referrer", "r@police.example", "police", [Roles.Referrer]));
        return client;
    }

    [GeneratedRegex("name=\"(?<name>__RequestVerificationToken[^\"]*)\"[^>]*value=\"(?<value>[^\"]+)\"|value=\"(?<value>[^\"]+)\"[^>]*name=\"(?<name>__RequestVerificationToken[^\"]*)\"")]
    private static partial Regex TokenInput();
}
