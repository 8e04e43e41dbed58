using System.Net;
using System.Text.Json;
using Iom.Application.Identity;
using Iom.Application.Ports.Secrets;
using Iom.Functions.Tests.Fuzzing;
using Iom.Functions.Tests.LocalHost;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Tests.Security;

/// <summary>
/// The data-protection key ring (which signs the form's anti-forgery tokens) is stored wrapped with a key-encryption key
/// from the secret store, through the real local host: what is stored, rotation, retirement and misconfiguration.
/// </summary>
public sealed class KeyRingAtRestTests : IDisposable
{
    private const string KekSetting = "--Secrets:" + SecretNames.DataProtectionKeyEncryptionKey;

    private readonly string data = Directory.CreateTempSubdirectory("iom-keyring-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(data, recursive: true);

    [Fact]
    public async Task The_stored_key_ring_holds_no_master_key_in_plain_text()
    {
        await using var host = await RunningLocalHost.StartAsync(data);
        using var browser = FormBrowser.Open(host, new CookieContainer());

        await FormBrowser.TokenFromFormAsync(browser);

        var keys = await FormBrowser.StoredKeysAsync(host);
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => !k.Xml.Contains("masterKey", StringComparison.Ordinal) && !k.Xml.Contains("requiresEncryption", StringComparison.Ordinal));
        keys.ShouldAllBe(k => FormBrowser.WrappedBy(k) != null);
    }

    [Fact]
    public async Task The_local_host_makes_its_key_encryption_key_once_in_its_data_folder_readable_by_its_owner_only()
    {
        await using (var host = await RunningLocalHost.StartAsync(data))
        {
            (await host.Client.GetAsync("/api/health", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var file = Path.Combine(data, "local-secrets.json");
        var made = await File.ReadAllTextAsync(file, Ct);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using (var again = await RunningLocalHost.StartAsync(data))
        {
            (await again.Client.GetAsync("/api/health", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await File.ReadAllTextAsync(file, Ct)).ShouldBe(made);
    }

    [Fact]
    public async Task A_configured_key_encryption_key_wins_over_the_generated_one_and_no_file_is_made()
    {
        var kek = KeyRingEncryptionTests.NewKek();
        await using var host = await RunningLocalHost.StartAsync(data, [$"{KekSetting}={kek}"]);
        using var browser = FormBrowser.Open(host, new CookieContainer());

        await FormBrowser.TokenFromFormAsync(browser);

        (await FormBrowser.StoredKeysAsync(host)).ShouldAllBe(k => FormBrowser.WrappedBy(k) == KeyRingEncryptionTests.IdOf(kek));
        File.Exists(Path.Combine(data, "local-secrets.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task After_a_rotation_existing_keys_still_unwrap_new_keys_are_wrapped_with_the_new_key_and_retiring_the_old_key_expires_its_forms()
    {
        var (old, @new) = (KeyRingEncryptionTests.NewKek(), KeyRingEncryptionTests.NewKek());
        var cookies = new CookieContainer();
        KeyValuePair<string, string> tokenUnderOld;
        await using (var before = await RunningLocalHost.StartAsync(data, [$"{KekSetting}={old}"]))
        {
            using var browser = FormBrowser.Open(before, cookies);
            tokenUnderOld = await FormBrowser.TokenFromFormAsync(browser);
        }

        // Rotated: the new key first, the old one kept after it.
        await using (var rotated = await RunningLocalHost.StartAsync(data, [$"{KekSetting}={@new},{old}"]))
        {
            using var browser = FormBrowser.Open(rotated, cookies);
            await FormBrowser.ShouldBePastTheAntiforgeryCheckAsync(await FormBrowser.PostIncompleteFormAsync(browser, tokenUnderOld));

            // What data protection does when a key nears expiry: a new key, wrapped with whatever is first now.
            var now = DateTimeOffset.UtcNow;
            rotated.Services.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90));
            var wrappers = (await FormBrowser.StoredKeysAsync(rotated)).Select(FormBrowser.WrappedBy).ToList();
            wrappers.ShouldBe([KeyRingEncryptionTests.IdOf(old), KeyRingEncryptionTests.IdOf(@new)], ignoreOrder: true);
        }

        // Retired too early: the old key is gone while a form it protects is still open.
        var errors = new ServerErrorLog();
        await using var retired = await RunningLocalHost.StartAsync(data, [$"{KekSetting}={@new}"],
            overrideServices: s => s.AddSingleton<ILoggerProvider>(errors));
        using var late = FormBrowser.Open(retired, cookies);
        var response = await FormBrowser.PostIncompleteFormAsync(late, tokenUnderOld);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("this form has expired");
        html.ShouldNotContain("key-encryption");
        html.ShouldNotContain(KeyRingEncryptionTests.IdOf(old));
        // ...and the log says why, naming the missing key by its id only.
        var logged = string.Join("\n", errors.Entries.Select(e => e.Text));
        logged.ShouldContain($"wrapped with key-encryption key {KeyRingEncryptionTests.IdOf(old)}, which secret '{SecretNames.DataProtectionKeyEncryptionKey}' no longer holds");
        logged.ShouldNotContain(old);
        logged.ShouldNotContain(@new);
        // The key wrapped with the new key-encryption key still serves new forms.
        await FormBrowser.ShouldBePastTheAntiforgeryCheckAsync(await FormBrowser.PostIncompleteFormAsync(late, await FormBrowser.TokenFromFormAsync(late)));
    }

    [Fact]
    public async Task A_key_stored_unwrapped_before_this_change_still_loads()
    {
        var cookies = new CookieContainer();
        KeyValuePair<string, string> token;
        // The app as it was: no XML encryptor, so the key is stored as plain XML.
        await using (var unwrapped = await RunningLocalHost.StartAsync(data,
                         overrideServices: s => s.PostConfigure<KeyManagementOptions>(o => o.XmlEncryptor = null)))
        {
            using var browser = FormBrowser.Open(unwrapped, cookies);
            token = await FormBrowser.TokenFromFormAsync(browser);
            (await FormBrowser.StoredKeysAsync(unwrapped)).ShouldHaveSingleItem().Xml.ShouldContain("<masterKey");
        }

        await using var host = await RunningLocalHost.StartAsync(data);
        using var after = FormBrowser.Open(host, cookies);

        await FormBrowser.ShouldBePastTheAntiforgeryCheckAsync(await FormBrowser.PostIncompleteFormAsync(after, token));
    }

    [Fact]
    public async Task A_malformed_key_encryption_key_shows_on_the_health_report_and_never_in_an_answer()
    {
        const string value = "SUPERSECRET-not-a-key";
        await using var host = await RunningLocalHost.StartAsync(data, [$"{KekSetting}={value}"]);

        var health = await host.Client.GetAsync("/api/health", Ct);
        var form = await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, "/api/referrals/new", Roles.Referrer), Ct);

        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var report = await health.Content.ReadAsStringAsync(Ct);
        JsonDocument.Parse(report).RootElement.GetProperty("checks").GetProperty("data-protection-kek").GetString().ShouldBe("Unhealthy");
        report.ShouldNotContain("SUPERSECRET");
        // No key can be made to sign the form: a server fault, answered as problem details without the cause.
        form.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        form.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var answer = await form.Content.ReadAsStringAsync(Ct);
        answer.ShouldNotContain("SUPERSECRET");
        answer.ShouldNotContain(SecretNames.DataProtectionKeyEncryptionKey);
    }
}
