using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Iom.Adapters.Sqlite;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Functions.Http;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReferralKeys = Iom.Application.Referrals.ReferralStore;

namespace Iom.Functions.Tests.Fuzzing;

/// <param name="Request">The request as it was sent (placeholders resolved).</param>
public sealed record FuzzFailure(FuzzRequest Request, FuzzResponse? Response, IReadOnlyList<string> Problems, IReadOnlyList<string> ServerErrors)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"FAILED: {string.Join("; ", Problems)}\n");
        text.Append(Request.Describe());
        if (Response is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  → {Response.Status}, Content-Type: {Response.ContentType ?? "none"}, X-Correlation-Id: {Response.CorrelationId ?? "none"}\n");
            text.Append(CultureInfo.InvariantCulture, $"  → {Response.Preview()}\n");
        }

        foreach (var error in ServerErrors)
        {
            text.Append(CultureInfo.InvariantCulture, $"  server logged: {error}\n");
        }

        return text.ToString();
    }
}

public sealed record FuzzSummary(
    int Seed,
    int Inputs,
    TimeSpan Elapsed,
    int Concurrency,
    IReadOnlyDictionary<int, int> Statuses,
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, int>> StatusesByEndpoint,
    int Abandoned,
    int CutOff,
    int ServerLevelRefusals,
    IReadOnlyList<FuzzFailure> Failures,
    InvariantReport Store,
    IReadOnlyList<string> UnattributedServerErrors)
{
    public bool Passed => Failures.Count == 0 && Store.Violations.Count == 0 && UnattributedServerErrors.Count == 0;

    public override string ToString()
    {
        static string Counts(IReadOnlyDictionary<int, int> statuses) =>
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key switch { FuzzRunner.Abandoned => "abandoned", FuzzRunner.CutOff => "cut off", _ => s.Key.ToString(CultureInfo.InvariantCulture) }} ×{s.Value}"));

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Fuzzing: seed {Seed}, {Inputs} inputs in {Elapsed.TotalSeconds:0.0} s ({Inputs / Math.Max(Elapsed.TotalSeconds, 0.001):0}/s), {Concurrency} at a time\n");
        text.Append(CultureInfo.InvariantCulture, $"Statuses: {Counts(Statuses)}\n");
        text.Append(CultureInfo.InvariantCulture, $"Refused by the HTTP server before any endpoint (no body, no correlation id): {ServerLevelRefusals}; abandoned by the client: {Abandoned}; connection closed by the server while a body over the limit was sent: {CutOff}\n");
        foreach (var (endpoint, statuses) in StatusesByEndpoint.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {endpoint}: {statuses.Values.Sum()} inputs: {Counts(statuses)}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Stored afterwards: {string.Join(", ", Store.DocumentsByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} ×{k.Value}"))}\n");
        text.Append(CultureInfo.InvariantCulture, $"Failing inputs: {Failures.Count}; store invariant violations: {Store.Violations.Count}; other server errors logged: {UnattributedServerErrors.Count}\n");
        // One example (the first) of each kind of failure, so a common one does not hide a rare one.
        foreach (var kind in Failures.GroupBy(f => $"{f.Request.Endpoint}: {f.Problems[0]}").OrderBy(g => g.Min(f => f.Request.Index)).Take(30))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{kind.Count()} × {kind.Key}; the first:\n").Append(kind.MinBy(f => f.Request.Index));
        }

        foreach (var violation in Store.Violations.Take(50))
        {
            text.Append(CultureInfo.InvariantCulture, $"\nSTORE: {violation}");
        }

        foreach (var error in UnattributedServerErrors.Take(10))
        {
            text.Append(CultureInfo.InvariantCulture, $"\nSERVER: {error}");
        }

        return text.ToString();
    }
}

/// <summary>
/// Runs generated inputs against one real local host, several at a time, judges every response with
/// <see cref="ResponseCheck"/>, then checks the store with <see cref="StoreInvariants"/>.
/// </summary>
public sealed partial class FuzzRunner : IAsyncDisposable
{
    /// <summary>The status recorded for a request the client abandoned on purpose.</summary>
    public const int Abandoned = 0;

    /// <summary>The status recorded when the server closed the connection while a body over the limit was being sent.</summary>
    public const int CutOff = 1;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan QueueDrainTimeout = TimeSpan.FromSeconds(60);

    private readonly RunningLocalHost host;
    private readonly ServerErrorLog errors;
    private readonly HttpClient client;
    private readonly OpenApiConformance conformance;
    private readonly List<string> knownReferrals = [];
    private readonly List<string> knownPeople = [];
    private readonly Dictionary<string, string> session = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> readsServed = new(StringComparer.Ordinal);

    /// <summary>The key the host trusts for SendGrid's event posts, and one it does not.</summary>
    private static readonly Mail.SendGridSigner SendGrid = new();

    private static readonly Mail.SendGridSigner Stranger = new();

    /// <summary>The keys the host trusts for a prison's notifications (SWI) and a relay's national events.</summary>
    private static readonly Releases.ReleaseSigner PrisonKey = new("fuzz-swi");

    private static readonly Releases.ReleaseSigner RelayKey = new("fuzz-relay");

    private FuzzRunner(RunningLocalHost host, ServerErrorLog errors)
    {
        this.host = host;
        this.errors = errors;
        client = NewClient();
        conformance = new OpenApiConformance(host.Services.GetRequiredService<FunctionRoutes>());
    }

    private static HttpClient NewClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        // Headers go as Latin-1 bytes, so a principal with a stray non-ASCII character reaches the server.
        RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Starts the local host (the app's functions only) on the API tests' clock, with meetings and a few referrals.</summary>
    public static async Task<FuzzRunner> StartAsync(CancellationToken cancellationToken)
    {
        var errors = new ServerErrorLog();
        var host = await RunningLocalHost.StartAsync(
            // Rate limits high enough that intake keeps reaching its handler: the fuzzer is one user sending thousands.
            extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z", "--Logging:LogLevel:Default=Warning", "--RateLimits:PermitsPerMinute=10000", SendGrid.Setting,
                .. PrisonKey.PrisonSettings("SWI"), .. RelayKey.RelaySettings()],
            extraFunctionTypes: [],
            overrideServices: services => services.AddSingleton<ILoggerProvider>(errors));
        var runner = new FuzzRunner(host, errors);
        await runner.SeedAsync(cancellationToken);
        return runner;
    }

    public async Task<FuzzSummary> RunAsync(FuzzGenerator generator, IEnumerable<int> indices, int concurrency, CancellationToken cancellationToken)
    {
        var endpoints = FuzzEndpoints.All().ToDictionary(e => e.Name, StringComparer.Ordinal);
        var statuses = new ConcurrentDictionary<(string Endpoint, int Status), int>();
        var failures = new ConcurrentBag<FuzzFailure>();
        var inputs = 0;
        var serverLevel = 0;
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(indices, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (index, ct) =>
        {
            var request = Signed(generator.Generate(index).Resolve(Known, session), endpoints);
            var (response, failure) = await SendAsync(request, ct);
            Interlocked.Increment(ref inputs);
            if (response is not null)
            {
                statuses.AddOrUpdate((request.Endpoint, response.Status), 1, (_, n) => n + 1);
            }

            if (response is not null && ResponseCheck.IsServerLevelRefusal(response))
            {
                Interlocked.Increment(ref serverLevel);
            }

            IReadOnlyList<string> problems = failure is not null ? [failure]
                : response!.Status is Abandoned or CutOff ? []
                : [.. ResponseCheck.Problems(request, endpoints[request.Endpoint], response), .. Undescribed(request, response)];
            if (problems.Count > 0)
            {
                failures.Add(new FuzzFailure(request, response, problems, errors.For(response?.CorrelationId).ToList()));
            }
            else if (response is not null)
            {
                await RememberAsync(request, response, ct);
            }
        });

        clock.Stop();
        var drained = await QueuesDrainedAsync(cancellationToken);
        var store = await new StoreInvariants(host.Services).CheckAsync(readsServed, cancellationToken);
        var attributed = failures.Select(f => f.Response?.CorrelationId).Where(id => id is not null).ToHashSet(StringComparer.Ordinal);
        var unattributed = errors.Entries.Where(e => e.CorrelationId is null || !attributed.Contains(e.CorrelationId)).Select(e => e.Text).ToList();
        if (!drained)
        {
            unattributed.Add($"The queues still held messages {QueueDrainTimeout.TotalSeconds} s after the last response.");
        }

        var byEndpoint = statuses.GroupBy(s => s.Key.Endpoint)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, int>)g.ToDictionary(s => s.Key.Status, s => s.Value), StringComparer.Ordinal);
        var totals = statuses.GroupBy(s => s.Key.Status).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        return new FuzzSummary(generator.Seed, inputs, clock.Elapsed, concurrency, totals, byEndpoint, totals.GetValueOrDefault(Abandoned), totals.GetValueOrDefault(CutOff), serverLevel, failures.ToList(), store, unattributed);
    }

    /// <summary>
    /// A signed caller's endpoint gets, input by input, no signature, another key's, a stale one or a good one over the
    /// body exactly as sent (after every mutation): only a good one may be admitted, so the rest must never see a 2xx.
    /// </summary>
    private FuzzRequest Signed(FuzzRequest request, IReadOnlyDictionary<string, FuzzEndpoint> endpoints)
    {
        if (endpoints[request.Endpoint].Function.Policy is not { Signer: { } kind })
        {
            return request;
        }

        if (kind != typeof(Iom.Functions.Security.SendGridEventSignature))
        {
            return SignedAsReleaseSender(request, kind);
        }

        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        // Chosen by a hash of the input's index (so a replay signs the same way); a seeded Random's first draw barely
        // moves between neighbouring seeds, and the index modulo 4 could follow the endpoints' rotation.
        var (signer, at, how) = (int)(unchecked((uint)request.Index * 2654435761u) >> 30) switch
        {
            0 => (null, now, "unsigned"),
            1 => (Stranger, now, "signed with another key"),
            2 => (SendGrid, now.AddMinutes(-6), "signed six minutes ago"),
            _ => (SendGrid, now, "signed"),
        };
        var headers = request.Headers.ToList();
        if (signer is not null)
        {
            var timestamp = Mail.SendGridSigner.Timestamp(at);
            headers.Add(new(Iom.Functions.Security.SendGridEventSignature.SignatureHeader, signer.Sign(timestamp, request.Body ?? [])));
            headers.Add(new(Iom.Functions.Security.SendGridEventSignature.TimestampHeader, timestamp));
        }

        // A request that may have left its endpoint (a mutated path) stays unpredicted either way.
        var access = request.Access == Access.Unknown ? Access.Unknown : how == "signed" ? Access.Allowed : Access.Refused;
        return request with { Headers = headers, Access = access, Mutations = [.. request.Mutations, how] };
    }

    /// <summary>
    /// The release doors' HMAC scheme, chosen as for SendGrid: unsigned, the door's key id with another key's bytes, six
    /// minutes old, or signed. (Two inputs with the same body signed in the same second would be a replay, refused
    /// with 401: harmless here, since an admitted input is only required not to fail, never to succeed.)
    /// </summary>
    private FuzzRequest SignedAsReleaseSender(FuzzRequest request, Type kind)
    {
        var key = kind == typeof(Iom.Functions.Security.PrisonReleaseSignature) ? PrisonKey : RelayKey;
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var (signer, at, how) = (int)(unchecked((uint)request.Index * 2654435761u) >> 30) switch
        {
            0 => (null, now, "unsigned"),
            1 => (new Releases.ReleaseSigner(key.KeyId), now, "signed with another key"),
            2 => (key, now.AddMinutes(-6), "signed six minutes ago"),
            _ => (key, now, "signed"),
        };
        var headers = request.Headers.ToList();
        headers.AddRange(signer?.Headers(request.Body ?? [], at) ?? []);
        var access = request.Access == Access.Unknown ? Access.Unknown : how == "signed" ? Access.Allowed : Access.Refused;
        return request with { Headers = headers, Access = access, Mutations = [.. request.Mutations, how] };
    }

    /// <summary>Whether the app's OpenAPI description describes the response (status, media type, body), as for every test's client.</summary>
    private IEnumerable<string> Undescribed(FuzzRequest request, FuzzResponse response)
    {
        if (ResponseCheck.IsServerLevelRefusal(response) || !Uri.TryCreate(host.BaseAddress, request.Target, out var target))
        {
            yield break;
        }

        var json = response.MediaType.EndsWith("/json", StringComparison.Ordinal) || response.MediaType.EndsWith("+json", StringComparison.Ordinal);
        var mismatch = conformance.Mismatch(request.Method, PathString.FromUriComponent(target), response.Status, response.ContentType,
            json && response.Body.Length > 0 ? Encoding.UTF8.GetString(response.Body) : null);
        if (mismatch is not null)
        {
            yield return $"not as the OpenAPI description says: {mismatch}";
        }
    }

    /// <summary>
    /// Sends the request and reads the whole response. A request the client abandons on purpose has no outcome to
    /// judge. A body over the limit goes on a connection of its own, since the server may refuse it and close the
    /// connection without reading the rest, and the client, still sending, may then see the connection reset instead
    /// of the 413: that is counted, not failed (a 500 behind it would still be caught, as an error the server logged).
    /// Any other transport failure is retried once on a fresh connection, in case a connection the server had just
    /// closed was reused; failing again, it fails the input.
    /// </summary>
    private async Task<(FuzzResponse? Response, string? Failure)> SendAsync(FuzzRequest request, CancellationToken cancellationToken)
    {
        var overLimit = request.Body?.Length > RequestBody.MaxBytes;
        for (var attempt = 1; ; attempt++)
        {
            using var own = overLimit || attempt > 1 ? NewClient() : null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(request.AbortEarly ? TimeSpan.FromMilliseconds(request.Index % 25) : RequestTimeout);
            try
            {
                using var message = request.ToHttpRequest(host.BaseAddress);
                using var response = await (own ?? client).SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                var correlation = response.Headers.TryGetValues("X-Correlation-Id", out var ids) ? ids.FirstOrDefault() : null;
                return (new FuzzResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, correlation, response.Headers.Location?.OriginalString), null);
            }
            catch (Exception exception) when (request.AbortEarly && exception is OperationCanceledException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                return (new FuzzResponse(Abandoned, null, [], null), null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, $"no response within {RequestTimeout.TotalSeconds} s");
            }
            catch (HttpRequestException) when (overLimit)
            {
                return (new FuzzResponse(CutOff, null, [], null), null);
            }
            catch (HttpRequestException) when (attempt == 1)
            {
            }
            catch (HttpRequestException exception)
            {
                return (null, $"no response, twice: {exception.Message} {exception.InnerException?.Message}");
            }
        }
    }

    /// <summary>
    /// Queue functions (acknowledgements, held back a few seconds; relisting after new meetings) still change documents
    /// after the last response: the store is checked once they have finished, so it is not read half way through one.
    /// </summary>
    private async Task<bool> QueuesDrainedAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < QueueDrainTimeout)
        {
            var connection = await host.Services.GetRequiredService<SqliteDatabase>().OpenAsync(cancellationToken);
            await using (connection)
            {
                await using var command = connection.CreateCommand();
                // Only the queues a function of the app consumes: a message for a queue no function reads is not this
                // app's to drain.
                var consumed = FunctionCatalog.ForApp().Queues.Select(q => q.QueueName).Distinct().ToList();
                command.CommandText = "SELECT COUNT(*) FROM queue_messages WHERE queue NOT LIKE '%-poison' AND queue IN ("
                    + string.Join(", ", consumed.Select((_, i) => "$q" + i.ToString(CultureInfo.InvariantCulture))) + ")";
                for (var i = 0; i < consumed.Count; i++)
                {
                    command.Parameters.AddWithValue("$q" + i.ToString(CultureInfo.InvariantCulture), consumed[i]);
                }

                if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
                {
                    return true;
                }
            }

            await Task.Delay(200, cancellationToken);
        }

        return false;
    }

    private async Task RememberAsync(FuzzRequest request, FuzzResponse response, CancellationToken cancellationToken)
    {
        if (request.Endpoint == "SubmitReferralForm" && response.Status == 303 && response.Location is { } location)
        {
            // The form answers a stored referral with a redirect to its confirmation page.
            await RememberReferralAsync(location.Split('/')[^2], cancellationToken);
            return;
        }

        if (response.Status is not (200 or 201) || response.MediaType != "application/json")
        {
            return;
        }

        var id = JsonNode.Parse(response.Body) is JsonObject body && body["id"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (id is null)
        {
            return;
        }

        if (request.Endpoint == "SubmitReferral" && response.Status == 201)
        {
            await RememberReferralAsync(id, cancellationToken);
        }
        else if (request.Endpoint == "GetReferral")
        {
            readsServed.AddOrUpdate(id, 1, (_, n) => n + 1);
        }
    }

    private string Known(string kind, int n)
    {
        var known = kind == "person" ? knownPeople : knownReferrals;
        lock (known)
        {
            return known[n % known.Count];
        }
    }

    /// <summary>Keeps a stored referral's id, and its person's (found as the app finds it, by its locator).</summary>
    private async Task RememberReferralAsync(string id, CancellationToken cancellationToken)
    {
        var locator = await host.Services.GetRequiredService<IDocumentStore>().ReadAsync<ReferralLocator>(ReferralKeys.LocatorKeyOf(id), cancellationToken);
        lock (knownReferrals)
        {
            knownReferrals.Add(id);
        }

        if (locator is not null)
        {
            lock (knownPeople)
            {
                knownPeople.Add(locator.Value.PersonId);
            }
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var panel in new[] { "iom", "asb", "dyo" })
        {
            foreach (var date in new[] { "2026-12-29", "2027-01-12", "2027-01-26" })
            {
                using var response = await SendSeedAsync("/api/panels/" + panel + "/meetings", Roles.Coordinator, "police", new JsonObject { ["date"] = date }, cancellationToken);
            }
        }

        string[] people = ["Darren|Quenby|1994-03-02", "Aisha|Okafor|1988-07-19", "Tomasz|Nowak|1979-11-30", "Kwame|Mensah|2001-05-05", "Siobhán|O'Neil|1990-01-31", "Li|Ng|1983-09-09"];
        for (var i = 0; i < people.Length; i++)
        {
            var parts = people[i].Split('|');
            var body = ReferralApiTests.ValidReferral(parts[0], parts[1], parts[2], pnc: i == 0 ? "2012/0052494Q" : null);
            using var response = await SendSeedAsync("/api/referrals", Roles.Referrer, i % 3 == 2 ? "probation" : "police", body, cancellationToken);
            var created = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            await RememberReferralAsync(created?["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"Seeding a referral failed: {response.StatusCode} {created}"), cancellationToken);
        }

        // The form's anti-forgery token and cookie, issued to the user every generated referrer principal names.
        using var form = new HttpRequestMessage(HttpMethod.Get, "/api/referrals/new");
        form.Headers.Add(ClientPrincipal.HeaderName, FuzzGenerator.Principal([Roles.Referrer], "police"));
        using var page = await host.Client.SendAsync(form, cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        var token = AntiforgeryField().Match(html);
        var cookie = page.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.First().Split(';')[0] : null;
        if (!token.Success || cookie is null)
        {
            throw new InvalidOperationException($"The referral form gave no anti-forgery token: {page.StatusCode}");
        }

        session[FuzzEndpoints.AntiforgeryToken] = WebUtility.HtmlDecode(token.Groups["value"].Value);
        session[FuzzEndpoints.AntiforgeryCookie] = cookie;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private async Task<HttpResponseMessage> SendSeedAsync(string path, string role, string agency, JsonNode body, CancellationToken cancellationToken)
    {
        using var request = RunningLocalHost.Request(HttpMethod.Post, path, role, agency);
        request.Content = RunningLocalHost.Json(body.ToJsonString());
        var response = await host.Client.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? response : throw new InvalidOperationException($"Seeding {path} failed: {response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
    }
}
