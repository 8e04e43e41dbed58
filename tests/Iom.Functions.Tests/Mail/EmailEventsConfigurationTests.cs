using System.Net;
using System.Text.Json;
using Iom.Functions.Security;
using Iom.Functions.Tests.LocalHost;
using Iom.LocalHost;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Tests.Mail;

/// <summary>The event webhook key from configuration: SendGrid's real sample through the host, absent, malformed.</summary>
public sealed class EmailEventsConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonElement Vector()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sendgrid_webhook_vectors.json")));
        return document.RootElement.GetProperty("vector").Clone();
    }

    [Fact]
    public async Task SendGrids_own_signed_sample_is_accepted_with_the_clock_at_its_timestamp()
    {
        var vector = Vector();
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(vector.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        await using var host = await RunningLocalHost.StartAsync(extraArgs:
            [$"--SendGrid:EventWebhookPublicKey={vector.GetProperty("public_key").GetString()}", $"--Clock:StartAt={signedAt:O}"]);
        using var request = SendGridSigner.Bare(Convert.FromBase64String(vector.GetProperty("payload_base64").GetString()!));
        request.Headers.Add(SendGridEventSignature.SignatureHeader, vector.GetProperty("signature").GetString());
        request.Headers.Add(SendGridEventSignature.TimestampHeader, vector.GetProperty("timestamp").GetString());

        var response = await host.Client.SendAsync(request, Ct);

        // Accepted, and its one event (a "dropped" carrying no mail id of ours) left aside.
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        (await response.Content.ReadAsStringAsync(Ct)).ShouldBe("""{"received":1,"recorded":0,"ignored":1}""");
    }

    [Fact]
    public async Task Without_a_key_every_post_is_refused_with_401_and_with_sendgrid_sending_health_says_why()
    {
        // Mail through SendGrid (the Azure set-up), whose deliveries the webhook reports; the local outbox has none.
        await using var host = await RunningLocalHost.StartAsync(extraArgs: ["--Mail:Provider=SendGrid", "--SendGrid:FromEmail=iom@richmond.gov.uk"]);
        using var signer = new SendGridSigner();

        var response = await host.Client.SendAsync(signer.Post("[]"u8.ToArray(), host.Services.GetRequiredService<TimeProvider>().GetUtcNow()), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Whole health may be 503 here (no SendGrid API key in this host); the mail-events check is what is asked about.
        var answer = await host.Client.GetAsync("/api/health", Ct);
        using var health = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
        health.RootElement.GetProperty("checks").GetProperty(Iom.Functions.Mail.MailEventsHealthCheck.Name).GetString().ShouldBe("Degraded");
        health.RootElement.GetProperty("reasons").GetProperty(Iom.Functions.Mail.MailEventsHealthCheck.Name).GetString()!.ShouldContain("SendGrid:EventWebhookPublicKey");
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE")]
    public async Task A_malformed_key_stops_the_app_from_starting(string key)
    {
        // Refused while the host is built or started, whichever resolves the key first: either way it never serves.
        var refused = await Should.ThrowAsync<OptionsValidationException>(async () =>
        {
            await using var app = LocalHostApp.Build(["--Urls=http://127.0.0.1:0", $"--Sqlite:DataDirectory={Directory.CreateTempSubdirectory("iom-badkey-").FullName}", $"--SendGrid:EventWebhookPublicKey={key}"]);
            await app.StartAsync(Ct);
        });
        refused.Message.ShouldContain("SendGrid:EventWebhookPublicKey");
    }
}
