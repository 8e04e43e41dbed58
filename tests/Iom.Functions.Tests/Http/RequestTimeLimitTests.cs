using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Functions.Http;
using Iom.Functions.Tests.Fuzzing;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Tests.Http;

/// <summary>The pipeline's own time limits, through the real local host with both limits shortened.</summary>
public sealed class RequestTimeLimitTests : IAsyncLifetime
{
    private static readonly string[] ShortLimits = ["--Http:RequestTimeout=00:00:01.500", "--Http:BodyReadTimeout=00:00:01"];

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        host = await RunningLocalHost.StartAsync(extraArgs: ShortLimits, extraFunctionTypes: [typeof(SlowFunctions), typeof(ProbeFunctions)]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_function_that_outlasts_its_time_budget_is_stopped_and_the_caller_gets_503_problem_details_with_retry_after()
    {
        const string path = "/api/probe/slow";
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(HttpPipeline.CorrelationHeader, "slow-1");

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(HttpPipeline.TimeoutRetryAfterSeconds));
        response.Headers.GetValues(HttpPipeline.CorrelationHeader).ShouldBe(["slow-1"]);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("type").GetString().ShouldBe("urn:iom:problem:timeout");
        problem.GetProperty("status").GetInt32().ShouldBe(503);
        problem.GetProperty("correlationId").GetString().ShouldBe("slow-1");
        // The function saw the budget's token fire, whichever way it was bound, rather than running on unobserved.
        SlowFunctions.Stopped.ShouldContain(path);
    }

    [Fact]
    public async Task A_request_body_trickled_in_slower_than_the_limit_gets_408_problem_details_and_the_connection_is_closed()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port, Ct);
        var stream = tcp.GetStream();
        var principal = ClientPrincipal.Encode("user-trickle", "Trickle", "trickle@police.example", "police", [Roles.Referrer]);
        var head = "POST /api/probe/echo/1 HTTP/1.1\r\n" +
                   $"Host: {host.BaseAddress.Authority}\r\n" +
                   "Content-Type: application/json\r\nContent-Length: 200\r\nX-Correlation-Id: trickle-1\r\n" +
                   $"{ClientPrincipal.HeaderName}: {principal}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "{\"text\":\""), Ct);

        // One more byte now and then, never the 200 promised: only the time limit can end this request.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var trickle = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(200, stop.Token);
                    await stream.WriteAsync("x"u8.ToArray(), stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Stopped, or the server closed the connection.
            }
        }, Ct);
        var response = await RawResponse.ReadAsync(stream, Ct);
        await stop.CancelAsync();
        await trickle;

        response.Status.ShouldBe(408);
        response.Headers["content-type"].ShouldStartWith("application/problem+json");
        response.Headers["connection"].ShouldBe("close", StringCompareShould.IgnoreCase);
        response.Headers["x-correlation-id"].ShouldBe("trickle-1");
        using var problem = JsonDocument.Parse(response.Body);
        problem.RootElement.GetProperty("type").GetString().ShouldBe("urn:iom:problem:body-timeout");
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(408);
    }

    [Fact]
    public async Task A_request_within_its_limits_is_unaffected_by_them()
    {
        var request = RunningLocalHost.Request(HttpMethod.Post, "/api/probe/echo/3", Roles.Referrer);
        request.Content = RunningLocalHost.Json("""{"text":"in time"}""");

        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>
    /// A referral submission is stopped by its budget at each of its store calls in turn (the call waits until the
    /// request's token fires): every one is answered 503, and none leaves a record, a claim, a listing or an audit
    /// record behind — the store's invariants hold, and the one submission that got past every stall (or was stalled only
    /// after its commit) is the only referral.
    /// </summary>
    [Fact]
    public async Task A_submission_stopped_by_its_time_budget_at_any_of_its_store_calls_leaves_nothing_behind()
    {
        StallingStore? stalling = null;
        await using var stalled = await RunningLocalHost.StartAsync(
            extraArgs: [.. ShortLimits, "--RateLimits:PermitsPerMinute=1000"],
            extraFunctionTypes: [],
            overrideServices: services =>
            {
                services.AddHttpContextAccessor();
                var store = services.Last(d => d.ServiceType == typeof(IDocumentStore));
                services.AddSingleton<IDocumentStore>(sp => stalling = new StallingStore(
                    (IDocumentStore)(store.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!)),
                    sp.GetRequiredService<IHttpContextAccessor>()));
            });

        // Stall the first call, then the second, and so on, until a submission makes fewer calls than that and is taken in.
        var stalledAnswers = new List<string>();
        for (var stallAt = 1; stallAt <= 40; stallAt++)
        {
            stalling!.Reset(stallAt);
            var request = RunningLocalHost.Request(HttpMethod.Post, "/api/referrals", Roles.Referrer);
            var person = ReferralApiTests.ValidReferral($"Stalled{(char)('a' + (stallAt % 26))}", $"Person{(char)('a' + (stallAt / 26))}", $"{1960 + stallAt}-01-02", pnc: null);
            request.Content = RunningLocalHost.Json(person.ToJsonString());
            var response = await stalled.Client.SendAsync(request, Ct);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                break;
            }

            stalledAnswers.Add($"call {stallAt}: {(int)response.StatusCode} {(body.TryGetProperty("type", out var type) ? type.GetString() : body.ToString())}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Stalled, each in its own submission: {string.Join(", ", stalling!.Stalled)}");
        stalledAnswers.Count.ShouldBeInRange(4, 39);
        // The last call stalled into a 503 is the commit of the referral with its audit record (read back: not stored,
        // so undone). Stalled after it, the outbox nudge gives up and leaves the acknowledgement to the sweep: the
        // referral is stored, so that submission is answered 201.
        stalling!.Stalled.ElementAt(stalledAnswers.Count - 1).ShouldBe($"{nameof(IDocumentStore.CommitAsync)} {Containers.People}");
        stalledAnswers.ShouldAllBe(a => a.EndsWith(" 503 urn:iom:problem:timeout", StringComparison.Ordinal));
        var report = await new StoreInvariants(stalled.Services).CheckAsync(new Dictionary<string, int>(), Ct);
        report.Violations.ShouldBeEmpty();
        report.DocumentsByKind["referral"].ShouldBe(1);
    }

    /// <summary>
    /// The real store, except that the n-th call a request makes with a token it can cancel waits until that token
    /// fires. Calls outside requests (queue handlers) and calls that cannot be cancelled (the undo after a failure) pass.
    /// </summary>
    private sealed class StallingStore(IDocumentStore inner, IHttpContextAccessor requests) : DelegatingDocumentStore(inner)
    {
        private int calls;
        private int stallAt;

        /// <returns>How many calls were counted since the last reset.</returns>
        public int Reset(int stallAt)
        {
            this.stallAt = stallAt;
            return Interlocked.Exchange(ref calls, 0);
        }

        /// <summary>The calls that were stalled, e.g. "CommitAsync people".</summary>
        public System.Collections.Concurrent.ConcurrentQueue<string> Stalled { get; } = new();

        private async Task MaybeStallAsync(string call, CancellationToken cancellationToken)
        {
            if (requests.HttpContext is null || !cancellationToken.CanBeCanceled)
            {
                return;
            }

            if (Interlocked.Increment(ref calls) == stallAt)
            {
                Stalled.Enqueue(call);
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }

        public override async Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default)
        {
            await MaybeStallAsync($"{nameof(ReadAsync)} {key.Container}", cancellationToken);
            return await Inner.ReadAsync<T>(key, cancellationToken);
        }

        public override async Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default)
        {
            await MaybeStallAsync($"{nameof(CreateAsync)} {key.Container}", cancellationToken);
            return await Inner.CreateAsync(key, value, cancellationToken);
        }

        public override async Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default)
        {
            await MaybeStallAsync($"{nameof(ReplaceAsync)} {key.Container}", cancellationToken);
            return await Inner.ReplaceAsync(key, value, ifMatchETag, cancellationToken);
        }

        public override async Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default)
        {
            await MaybeStallAsync($"{nameof(UpsertAsync)} {key.Container}", cancellationToken);
            return await Inner.UpsertAsync(key, value, cancellationToken);
        }

        public override async Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default)
        {
            await MaybeStallAsync($"{nameof(DeleteAsync)} {key.Container}", cancellationToken);
            return await Inner.DeleteAsync(key, ifMatchETag, cancellationToken);
        }

        public override async IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(
            string container, string partition, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await MaybeStallAsync($"{nameof(ReadPartitionAsync)} {container}", cancellationToken);
            await foreach (var document in Inner.ReadPartitionAsync<T>(container, partition, cancellationToken))
            {
                yield return document;
            }
        }

        public override async Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken = default)
        {
            await MaybeStallAsync($"{nameof(QueryAsync)} {query.Container}", cancellationToken);
            return await Inner.QueryAsync<T>(query, cancellationToken);
        }

        public override async IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(
            string container, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await MaybeStallAsync($"{nameof(ReadKindAsync)} {container}", cancellationToken);
            await foreach (var document in Inner.ReadKindAsync<T>(container, cancellationToken))
            {
                yield return document;
            }
        }

        public override async Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
        {
            await MaybeStallAsync($"{nameof(CommitAsync)} {container}", cancellationToken);
            await Inner.CommitAsync(container, partition, writes, cancellationToken);
        }
    }
}

/// <summary>Functions hosted only in tests that take longer than any budget unless their cancellation token stops them.</summary>
public sealed class SlowFunctions
{
    public static System.Collections.Concurrent.ConcurrentBag<string> Stopped { get; } = [];

    [Function("ProbeSlow")]
    [Anonymous]
    public static async Task<IActionResult> Slow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "probe/slow")] HttpRequest request, CancellationToken cancellationToken) =>
        await WaitForAsync(request, cancellationToken);

    private static async Task<IActionResult> WaitForAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Stopped.Add(request.Path);
            throw;
        }

        return new OkResult();
    }
}

/// <summary>An HTTP/1.1 response read off a socket: status, headers (lower-case names) and the body, de-chunked.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public static async Task<RawResponse> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            if (TryParse(received.ToArray(), out var response))
            {
                return response;
            }

            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException($"The connection closed before a whole response arrived: {Encoding.ASCII.GetString([.. received])}");
            }

            received.AddRange(buffer.AsSpan(0, read));
        }
    }

    private static bool TryParse(byte[] bytes, out RawResponse response)
    {
        response = null!;
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return false;
        }

        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var rest = bytes.AsSpan(end + 4);
        if (headers.TryGetValue("content-length", out var length))
        {
            var count = int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
            if (rest.Length < count)
            {
                return false;
            }

            response = new RawResponse(status, headers, rest[..count].ToArray());
            return true;
        }

        var body = new List<byte>();
        while (true)
        {
            var lineEnd = rest.IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return false;
            }

            var size = Convert.ToInt32(Encoding.ASCII.GetString(rest[..lineEnd]).Split(';')[0], 16);
            if (rest.Length < lineEnd + 2 + size + 2)
            {
                return false;
            }

            if (size == 0)
            {
                response = new RawResponse(status, headers, [.. body]);
                return true;
            }

            body.AddRange(rest.Slice(lineEnd + 2, size));
            rest = rest[(lineEnd + 2 + size + 2)..];
        }
    }
}
