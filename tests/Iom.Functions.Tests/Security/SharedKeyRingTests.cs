using System.Net;
using System.Text.Json.Nodes;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Security;

public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task A_form_rendered_by_one_instance_is_accepted_by_another_instance_sharing_the_store()
    {
        var data = Directory.CreateTempSubdirectory("iom-keyring-").FullName;
        await using var first = await RunningLocalHost.StartAsync(data);
        await using var second = await RunningLocalHost.StartAsync(data);
        var cookies = new CookieContainer(); // cookies ignore ports: one browser talking to both instances
        using var toFirst = FormBrowser.Open(first, cookies);
        using var toSecond = FormBrowser.Open(second, cookies);

        var token = await FormBrowser.TokenFromFormAsync(toFirst);
        var response = await FormBrowser.PostIncompleteFormAsync(toSecond, token);

        // Past the anti-forgery check: the form comes back with field errors, not "this form has expired".
        await FormBrowser.ShouldBePastTheAntiforgeryCheckAsync(response);
        // ...because the key ring lives in the shared document store, not in a per-instance home folder, wrapped with
        // the one key-encryption key the two local hosts share through their data folder.
        var keys = await FormBrowser.StoredKeysAsync(first);
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => k.Xml.StartsWith("<key ", StringComparison.Ordinal));
        var kek = (string)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(data, "local-secrets.json"), TestContext.Current.CancellationToken))!["Secrets"]!["DataProtection-KeyEncryptionKey"]!;
        keys.ShouldAllBe(k => FormBrowser.WrappedBy(k) == KeyRingEncryptionTests.IdOf(kek));
    }
}
