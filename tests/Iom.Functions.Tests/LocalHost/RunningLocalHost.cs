using System.Net.Http.Headers;
using Iom.Application.Identity;
using Iom.LocalHost;
using Microsoft.AspNetCore.Builder;

namespace Iom.Functions.Tests.LocalHost;

/// <summary>
/// The real local host on Kestrel, on a free loopback port, with its data in a folder of the test's own. Its client
/// fails any response that does not conform to the OpenAPI description (<see cref="OpenApiConformanceHandler"/>).
/// </summary>
public sealed class RunningLocalHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private readonly bool ownsDataDirectory;

    private RunningLocalHost(WebApplication app, string dataDirectory, bool ownsDataDirectory)
    {
        this.app = app;
        this.ownsDataDirectory = ownsDataDirectory;
        DataDirectory = dataDirectory;
        BaseAddress = new Uri(app.Urls.First());
        // Every response a test sees through this client is checked against the app's OpenAPI description.
        Client = new HttpClient(new OpenApiConformanceHandler(new OpenApiConformance(app.Services.GetRequiredService<Iom.Functions.Http.FunctionRoutes>())))
        {
            BaseAddress = BaseAddress,
        };
    }

    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public string DataDirectory { get; }
    public IServiceProvider Services => app.Services;

    public static async Task<RunningLocalHost> StartAsync(
        string? dataDirectory = null,
        IEnumerable<string>? extraArgs = null,
        IEnumerable<Type>? extraFunctionTypes = null,
        Action<IServiceCollection>? overrideServices = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("iom-localhost-").FullName;
        string[] args =
        [
            "--Urls=http://127.0.0.1:0",
            $"--Sqlite:DataDirectory={dataDirectory}",
            $"--Outbox:Directory={Path.Combine(dataDirectory, "outbox")}",
            $"--Events:Directory={Path.Combine(dataDirectory, "events")}",
            // Retry quickly so poison handling is observable in seconds; host.json gives the real values.
            "--LocalHost:Queues:VisibilityTimeout=00:00:00.050",
            "--LocalHost:Queues:MaxPollingInterval=00:00:00.200",
            .. extraArgs ?? [],
        ];
        var app = LocalHostApp.Build(args, extraFunctionTypes ?? [typeof(ProbeFunctions)], overrideServices);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningLocalHost(app, dataDirectory, owns);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? role = null, string? agency = "police", string email = "test@police.example")
    {
        var request = new HttpRequestMessage(method, path);
        if (role is not null)
        {
            request.Headers.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode(DemoPeople.ObjectIdOf(email), "Test User", email, agency, [role]));
        }

        return request;
    }

    public static StringContent Json(string json) => new(json, new MediaTypeHeaderValue("application/json"));

    /// <summary>Submits a referral through the JSON API as a referrer of <paramref name="agency"/>; 201 expected.</summary>
    /// <returns>The referral's id and the (internal) id of its person, for tests that look behind the API.</returns>
    public async Task<(string ReferralId, string PersonId)> ReferAsync(System.Text.Json.Nodes.JsonNode body, string agency = "police")
    {
        var request = Request(HttpMethod.Post, "/api/referrals", Roles.Referrer, agency);
        request.Content = Json(body.ToJsonString());
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var created = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var referralId = created.RootElement.GetProperty("id").GetString()!;
        var locator = await Services.GetRequiredService<Iom.Application.Ports.Documents.IDocumentStore>()
            .ReadAsync<Iom.Application.Referrals.ReferralLocator>(Iom.Application.Referrals.ReferralStore.LocatorKeyOf(referralId), TestContext.Current.CancellationToken);
        return (referralId, locator!.Value.PersonId);
    }

    /// <summary>
    /// Waits until the person's acknowledgement e-mail has been audited as a disclosure: the outbox relays it as soon as
    /// the referral is committed, and the queue function writes the record in its own time. Tests that count a
    /// person's records wait for it, so the count is settled.
    /// </summary>
    public async Task AcknowledgedAsync(string personId)
    {
        var trail = Services.GetRequiredService<Iom.Application.Audit.AuditTrail>();
        await Eventually.Async(async () =>
            (await trail.ReadAsync(personId, TestContext.Current.CancellationToken)).Any(r => r.Subject.EndsWith("/acknowledgement", StringComparison.Ordinal)) ? personId : null);
    }

    /// <summary>Stops the host as Ctrl+C does; the services stay readable until it is disposed.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        if (ownsDataDirectory)
        {
            await DeleteDataDirectoryAsync();
        }
    }

    // A best-effort write begun before the stop (an outbox nudge's mail file, SQLite's -wal/-shm closing) can land
    // while the recursive delete walks the folder ("Directory not empty"): try again briefly before failing.
    private async Task DeleteDataDirectoryAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                await Task.Delay(100);
            }
        }
    }
}
