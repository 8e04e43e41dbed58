using System.Collections.Concurrent;
using System.Diagnostics;

namespace Iom.LoadBench;

/// <summary>What one load phase saw: answers by status, and the latency of each success within the measured window.</summary>
/// <param name="FirstRefusal">The status and body of the first answer that was not a success, to say why.</param>
/// <param name="Success">The status that counts as taken in: 201 for referrals, 202 for release notifications.</param>
internal sealed record LoadResult(TimeSpan Elapsed, IReadOnlyDictionary<int, int> Statuses, IReadOnlyList<double> CreatedLatenciesMs, string? FirstRefusal, int Success = 201)
{
    public int Created => Statuses.GetValueOrDefault(Success);

    /// <summary>Every answer that was not a success; status 0 counts requests that got no answer (a transport error).</summary>
    public int NotCreated => Statuses.Where(s => s.Key != Success).Sum(s => s.Value);

    public double CreatedPerSecond => Created / Elapsed.TotalSeconds;

    /// <summary>Nearest-rank percentile of the successes' latencies, in milliseconds.</summary>
    public double Percentile(double p) => Percentile(CreatedLatenciesMs, p);

    /// <summary>Nearest-rank percentile of any latencies, in milliseconds (NaN for none).</summary>
    public static double Percentile(IReadOnlyCollection<double> latenciesMs, double p)
    {
        if (latenciesMs.Count == 0)
        {
            return double.NaN;
        }

        var sorted = latenciesMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public string NotCreatedText => NotCreated == 0
        ? "0"
        : string.Join(" ", Statuses.Where(s => s.Key != Success).OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "error" : s.Key)}×{s.Value}"));
}

/// <summary>Sends referrals as fast as answers come (closed loop) or on a fixed schedule (open loop).</summary>
internal static class Load
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <paramref name="connections"/> callers, each on a connection of its own with its own identity, each sending
    /// the next request when the last is answered. Only answers that arrive within the window after
    /// <paramref name="warmup"/> count.
    /// </summary>
    public static async Task<LoadResult> ClosedLoopAsync(
        Uri target, int connections, TimeSpan warmup, TimeSpan duration, Func<int, HttpRequestMessage> request)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var latencies = new ConcurrentBag<double>();
        var refusal = new Refusal();
        var start = Stopwatch.GetTimestamp() + Ticks(warmup);
        var end = start + Ticks(duration);
        var callers = Enumerable.Range(0, connections).Select(async caller =>
        {
            using var client = Client(target, maxConnections: 1);
            while (Stopwatch.GetTimestamp() < end)
            {
                var sent = Stopwatch.GetTimestamp();
                var (status, _) = await SendAsync(client, request(caller), refusal);
                var answered = Stopwatch.GetTimestamp();
                if (answered >= start && answered < end)
                {
                    Record(statuses, latencies, status, Stopwatch.GetElapsedTime(sent, answered));
                }
            }
        });
        await Task.WhenAll(callers);
        return new LoadResult(duration, statuses, latencies.ToArray(), refusal.First);
    }

    /// <summary>
    /// One request, answered before anything is measured, so that no phase pays for the target's first request
    /// (JIT, connection pools, lazy start-up), which on a slow machine took longer than a short phase.
    /// </summary>
    /// <returns>The status of the answer (0 = none).</returns>
    public static async Task<int> WarmUpAsync(Uri target, HttpRequestMessage request, int success = 201)
    {
        using var client = Client(target, maxConnections: 1);
        return (await SendAsync(client, request, new Refusal(), success)).Status;
    }

    /// <summary>
    /// Request i is due at start + i / rate whatever happened to earlier ones, and its latency runs from that due
    /// time, not from when it was sent: a slow server cannot hold the load back and hide its queue (coordinated
    /// omission). Callers take turns over <paramref name="callers"/> identities.
    /// </summary>
    /// <param name="answered">Told of each answer as it arrives: the request's index, status, body and Stopwatch timestamp.</param>
    public static async Task<LoadResult> OpenLoopAsync(
        Uri target, double rate, TimeSpan duration, int callers, Func<int, HttpRequestMessage> request,
        int success = 201, Action<int, int, string, long>? answered = null)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var latencies = new ConcurrentBag<double>();
        var refusal = new Refusal();
        using var client = Client(target, maxConnections: 1024);
        var count = (int)(rate * duration.TotalSeconds);
        var start = Stopwatch.GetTimestamp() + Ticks(TimeSpan.FromMilliseconds(50));
        var inFlight = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = start + Ticks(TimeSpan.FromSeconds(i / rate));
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var message = request(i % callers);
            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                var (status, body) = await SendAsync(client, message, refusal, success);
                var at = Stopwatch.GetTimestamp();
                Record(statuses, latencies, status, Stopwatch.GetElapsedTime(due, at), success);
                answered?.Invoke(index, status, body, at);
            }));
        }

        await Task.WhenAll(inFlight);
        return new LoadResult(duration, statuses, latencies.ToArray(), refusal.First, success);
    }

    private static HttpClient Client(Uri target, int maxConnections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
    })
    {
        BaseAddress = target,
        Timeout = RequestTimeout,
    };

    private static async Task<(int Status, string Body)> SendAsync(HttpClient client, HttpRequestMessage message, Refusal refusal, int success = 201)
    {
        try
        {
            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != success)
            {
                refusal.Keep($"{(int)response.StatusCode} {body}");
            }

            return ((int)response.StatusCode, body);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            refusal.Keep(exception.GetType().Name + ": " + exception.Message);
            return (0, "");
        }
        finally
        {
            message.Dispose();
        }
    }

    private static void Record(ConcurrentDictionary<int, int> statuses, ConcurrentBag<double> latencies, int status, TimeSpan latency, int success = 201)
    {
        statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (status == success)
        {
            latencies.Add(latency.TotalMilliseconds);
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private sealed class Refusal
    {
        private string? first;

        public string? First => first;

        public void Keep(string text) => Interlocked.CompareExchange(ref first, text.Length > 500 ? text[..500] : text, null);
    }
}
