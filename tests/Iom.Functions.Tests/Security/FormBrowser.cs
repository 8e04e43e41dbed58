using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Functions.Security;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Security;

/// <summary>A browser filling in the referral form, and a look at the key ring behind it.</summary>
internal static partial class FormBrowser
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A referrer's browser on <paramref name="host"/>; cookies ignore ports, so one container is one browser across hosts.</summary>
    public static HttpClient Open(RunningLocalHost host, CookieContainer cookies)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode("u-1", "Referrer", "r@police.example", "police", [Roles.Referrer]));
        return client;
    }

    /// <summary>The anti-forgery field of a freshly rendered form.</summary>
    public static async Task<KeyValuePair<string, string>> TokenFromFormAsync(HttpClient browser)
    {
        var token = TokenInput().Match(await browser.GetStringAsync("/api/referrals/new", Ct));
        token.Success.ShouldBeTrue();
        return new(token.Groups["name"].Value, token.Groups["value"].Value);
    }

    /// <summary>Posts an incomplete form: past the anti-forgery check it comes back 400 with field errors.</summary>
    public static Task<HttpResponseMessage> PostIncompleteFormAsync(HttpClient browser, KeyValuePair<string, string> token) =>
        browser.PostAsync("/api/referrals/new", new FormUrlEncodedContent([token, new("referralType", "iom")]), Ct);

    public static async Task ShouldBePastTheAntiforgeryCheckAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldNotContain("this form has expired");
        html.ShouldContain("given name");
        html.ShouldContain("govuk-error-summary");
    }

    public static async Task<List<DataProtectionKey>> StoredKeysAsync(RunningLocalHost host)
    {
        var keys = new List<DataProtectionKey>();
        await foreach (var key in host.Services.GetRequiredService<IDocumentStore>().ReadPartitionAsync<DataProtectionKey>(Containers.Operations, "data-protection-keys", Ct))
        {
            keys.Add(key.Value);
        }

        return keys;
    }

    /// <summary>The id of the key-encryption key that wrapped a stored key, or null when it is stored unwrapped.</summary>
    public static string? WrappedBy(DataProtectionKey key) =>
        (string?)XElement.Parse(key.Xml).Descendants().FirstOrDefault(e => e.Name.LocalName == "wrappedKey")?.Attribute("kek");

    [GeneratedRegex("name=\"(?<name>__RequestVerificationToken[^\"]*)\"[^>]*value=\"(?<value>[^\"]+)\"|value=\"(?<value>[^\"]+)\"[^>]*name=\"(?<name>__RequestVerificationToken[^\"]*)\"")]
    private static partial Regex TokenInput();
}
