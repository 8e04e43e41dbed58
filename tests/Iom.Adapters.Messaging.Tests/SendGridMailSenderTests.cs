using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Iom.Adapters.Local;
using Iom.Adapters.SendGrid;
using Iom.Application.Ports.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Iom.Adapters.Messaging.Tests;

/// <summary>The SendGrid adapter against a real HTTP server on loopback standing in for api.sendgrid.com.</summary>
public sealed class SendGridMailSenderTests : IDisposable
{
    private const string SendPath = "/v3/mail/send";

    private readonly WireMockServer sendGrid = WireMockServer.Start();
    private readonly InstantTimers time = new(Samples.Now);
    private readonly IConfigurationRoot configuration;
    private readonly ServiceProvider services;

    public SendGridMailSenderTests()
    {
        configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SendGrid:FromEmail"] = "iom@notify.example.gov.uk",
            ["SendGrid:FromName"] = "IOM panel",
            ["SendGrid:Host"] = sendGrid.Url,
            ["Secrets:SendGrid-ApiKey"] = "SG.first-key",
        }).Build();
        services = BuildServices(configuration);
    }

    private IMailSender Sender => services.GetRequiredService<IMailSender>();

    private IReadOnlyList<ILogEntry> Sends => [.. sendGrid.LogEntries.Where(entry => entry.RequestMessage.Path == SendPath)];

    public void Dispose()
    {
        services.Dispose();
        sendGrid.Dispose();
    }

    [Fact]
    public async Task A_message_is_posted_to_the_v3_mail_send_endpoint_in_SendGrid_s_shape_with_the_bearer_key()
    {
        Accept();

        await Sender.SendAsync(Samples.Mail(), TestContext.Current.CancellationToken);

        var request = Sends.ShouldHaveSingleItem().RequestMessage;
        request.Method.ShouldBe("POST");
        request.Headers!["Authorization"].ShouldBe(["Bearer SG.first-key"]);
        request.Headers["Content-Type"].Single().ShouldStartWith("application/json");
        using var body = JsonDocument.Parse(request.Body!);
        var root = body.RootElement;
        root.GetProperty("from").GetProperty("email").GetString().ShouldBe("iom@notify.example.gov.uk");
        root.GetProperty("from").GetProperty("name").GetString().ShouldBe("IOM panel");
        var to = root.GetProperty("personalizations").EnumerateArray().ShouldHaveSingleItem().GetProperty("to")
            .EnumerateArray().ShouldHaveSingleItem();
        to.GetProperty("email").GetString().ShouldBe("officer@probation.example.gov.uk");
        to.GetProperty("name").GetString().ShouldBe("Pat Officer");
        root.GetProperty("subject").GetString().ShouldBe("A referral needs your vote");
        var content = root.GetProperty("content").EnumerateArray()
            .Select(part => (part.GetProperty("type").GetString(), part.GetProperty("value").GetString())).ToList();
        content.ShouldBe([
            ("text/plain", "Referral REF-1234 needs your vote.\nSign in to read it."),
            ("text/html", "<p>Sign in to read it.</p>"),
        ]);
        root.GetProperty("custom_args").GetProperty("idempotency_key").GetString().ShouldBe("alert-42:officer-7");
        root.TryGetProperty("mail_settings", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task An_attached_invitation_is_posted_as_a_SendGrid_attachment_with_its_type_and_base64_content()
    {
        Accept();
        var content = Convert.ToBase64String("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"u8.ToArray());

        await Sender.SendAsync(
            Samples.Mail() with { Attachments = [new MailAttachment("invitation.ics", "text/calendar; method=REQUEST; charset=utf-8", content)] },
            TestContext.Current.CancellationToken);

        using var body = JsonDocument.Parse(Sends.ShouldHaveSingleItem().RequestMessage.Body!);
        var file = body.RootElement.GetProperty("attachments").EnumerateArray().ShouldHaveSingleItem();
        file.GetProperty("filename").GetString().ShouldBe("invitation.ics");
        file.GetProperty("type").GetString().ShouldBe("text/calendar; method=REQUEST; charset=utf-8");
        file.GetProperty("content").GetString().ShouldBe(content);
        file.GetProperty("disposition").GetString().ShouldBe("attachment");
    }

    [Fact]
    public async Task Sandbox_mode_asks_SendGrid_to_validate_without_delivering()
    {
        Accept();
        configuration["SendGrid:SandboxMode"] = "true";
        using var sandboxed = BuildServices(configuration);

        await sandboxed.GetRequiredService<IMailSender>().SendAsync(Samples.Mail(html: null), TestContext.Current.CancellationToken);

        using var body = JsonDocument.Parse(Sends.ShouldHaveSingleItem().RequestMessage.Body!);
        body.RootElement.GetProperty("mail_settings").GetProperty("sandbox_mode").GetProperty("enable").GetBoolean().ShouldBeTrue();
        body.RootElement.GetProperty("content").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_429_with_Retry_After_in_seconds_is_sent_exactly_once_more_after_that_wait()
    {
        ThrottleOnceThenAccept("7");

        await Sender.SendAsync(Samples.Mail(), TestContext.Current.CancellationToken);

        Sends.Count.ShouldBe(2);
        time.Waits.ShouldBe([TimeSpan.FromSeconds(7)]);
    }

    [Fact]
    public async Task A_429_with_Retry_After_as_an_HTTP_date_waits_until_that_date()
    {
        ThrottleOnceThenAccept(Samples.Now.AddSeconds(20).ToString("r", System.Globalization.CultureInfo.InvariantCulture));

        await Sender.SendAsync(Samples.Mail(), TestContext.Current.CancellationToken);

        Sends.Count.ShouldBe(2);
        time.Waits.ShouldBe([TimeSpan.FromSeconds(20)]);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_waits_only_the_cap()
    {
        ThrottleOnceThenAccept("3600");

        await Sender.SendAsync(Samples.Mail(), TestContext.Current.CancellationToken);

        time.Waits.ShouldBe([SendGridMailSender.MaxRetryAfter]);
    }

    [Fact]
    public async Task A_503_every_time_gives_up_with_MailDeliveryException_after_the_maximum_attempts_backing_off()
    {
        sendGrid.Given(Request.Create().WithPath(SendPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(503));

        var failure = await Should.ThrowAsync<MailDeliveryException>(
            () => Sender.SendAsync(Samples.Mail(), TestContext.Current.CancellationToken));

        failure.Message.ShouldContain("503");
        Sends.Count.ShouldBe(SendGridMailSender.MaxAttempts);
        time.Waits.Count.ShouldBe(SendGridMailSender.MaxAttempts - 1);
        time.Waits.ShouldAllBe(wait => wait > TimeSpan.Zero && wait <= SendGridMailSender.MaxRetryAfter);
    }

    [Fact]
    public async Task A_400_is_refused_at_once_with_its_status_and_not_retried()
    {
        sendGrid.Given(Request.Create().WithPath(SendPath).UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(400).WithBodyAsJson(new { errors = new[] { new { message = "Invalid from", field = "from" } } }));

        var failure = await Should.ThrowAsync<MailDeliveryException>(
            () => Sender.SendAsync(Samples.Mail(), TestContext.Current.CancellationToken));

        failure.Message.ShouldContain("400");
        Sends.Count.ShouldBe(1);
        time.Waits.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_connection_dropped_after_the_request_was_sent_is_not_retried_because_SendGrid_may_have_taken_it()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var requestsRead = 0;
        var server = Task.Run(async () =>
        {
            // Reads whole requests and hangs up without answering, for as many connections as the client opens.
            try
            {
                while (true)
                {
                    using var connection = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
                    await ReadRequestAsync(connection.GetStream());
                    Interlocked.Increment(ref requestsRead);
                }
            }
            catch (Exception stopped) when (stopped is SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
            {
                // The listener was stopped at the end of the test.
            }
        }, TestContext.Current.CancellationToken);
        configuration["SendGrid:Host"] = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        using var hangingUp = BuildServices(configuration);

        var failure = await Should.ThrowAsync<MailDeliveryException>(
            () => hangingUp.GetRequiredService<IMailSender>().SendAsync(Samples.Mail(), TestContext.Current.CancellationToken));

        listener.Stop();
        await server;
        failure.InnerException.ShouldBeOfType<HttpRequestException>();
        requestsRead.ShouldBe(1);
        time.Waits.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_connection_that_could_not_be_opened_is_retried_because_nothing_was_sent()
    {
        configuration["SendGrid:Host"] = $"http://127.0.0.1:{UnusedPort()}";
        using var unreachable = BuildServices(configuration);

        var failure = await Should.ThrowAsync<MailDeliveryException>(
            () => unreachable.GetRequiredService<IMailSender>().SendAsync(Samples.Mail(), TestContext.Current.CancellationToken));

        failure.InnerException.ShouldBeOfType<HttpRequestException>().HttpRequestError.ShouldBe(HttpRequestError.ConnectionError);
        time.Waits.Count.ShouldBe(SendGridMailSender.MaxAttempts - 1);
    }

    [Fact]
    public async Task A_rotated_API_key_is_used_on_the_next_send_without_a_restart()
    {
        Accept();
        await Sender.SendAsync(Samples.Mail("first"), TestContext.Current.CancellationToken);

        configuration["Secrets:SendGrid-ApiKey"] = "SG.rotated-key";
        await Sender.SendAsync(Samples.Mail("second"), TestContext.Current.CancellationToken);

        Sends.Select(send => send.RequestMessage.Headers!["Authorization"].Single())
            .ShouldBe(["Bearer SG.first-key", "Bearer SG.rotated-key"]);
    }

    [Fact]
    public async Task The_health_check_fails_while_the_API_key_secret_is_missing()
    {
        var health = services.GetRequiredService<HealthCheckService>();
        (await health.CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["sendgrid"].Status.ShouldBe(HealthStatus.Healthy);

        configuration["Secrets:SendGrid-ApiKey"] = null;

        (await health.CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["sendgrid"].Status.ShouldBe(HealthStatus.Unhealthy);
    }

    [Fact]
    public void Start_up_validation_refuses_a_missing_from_address()
    {
        configuration["SendGrid:FromEmail"] = "";
        using var invalid = BuildServices(configuration);

        Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(
            () => invalid.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate())
            .Message.ShouldContain("FromEmail");
    }

    private ServiceProvider BuildServices(IConfiguration settings) => new ServiceCollection()
        .AddLogging()
        .AddSingleton<TimeProvider>(time)
        .AddConfigurationSecretStore(settings)
        .AddSendGridMailSender(settings)
        .BuildServiceProvider();

    private void Accept() =>
        sendGrid.Given(Request.Create().WithPath(SendPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(202));

    private void ThrottleOnceThenAccept(string retryAfter)
    {
        sendGrid.Given(Request.Create().WithPath(SendPath).UsingPost())
            .InScenario("throttled").WillSetStateTo("open")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", retryAfter));
        sendGrid.Given(Request.Create().WithPath(SendPath).UsingPost())
            .InScenario("throttled").WhenStateIs("open")
            .RespondWith(Response.Create().WithStatusCode(202));
    }

    private static async Task ReadRequestAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int? expected = null;
        while (expected is null || received.Count < expected)
        {
            var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            if (read == 0)
            {
                return;
            }

            received.AddRange(buffer.AsSpan(0, read));
            var text = System.Text.Encoding.ASCII.GetString([.. received]);
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (expected is null && headerEnd >= 0)
            {
                var length = text[..headerEnd].Split("\r\n")
                    .Single(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))[15..];
                expected = headerEnd + 4 + int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
