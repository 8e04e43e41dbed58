using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Iom.Application.Identity;
using Iom.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.LoadBench;

/// <param name="Seconds">Length of each measured phase (closed and open loop alike).</param>
/// <param name="Stored">Referrals stored before the second round; 0 runs the empty store only.</param>
internal sealed record IntakeOptions(
    int Connections = 64, double Seconds = 20, double WarmupSeconds = 5, double Rate = 100, int Stored = 100_000)
{
    public static IntakeOptions Parse(IReadOnlyList<string> args)
    {
        var options = new IntakeOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--connections" => options with { Connections = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => options with { WarmupSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--rate" => options with { Rate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--stored" => options with { Stored = int.Parse(value, CultureInfo.InvariantCulture) },
                var unknown => throw new ArgumentException($"Unknown option {unknown}; see bench/README.md."),
            };
        }

        return options;
    }
}

/// <summary>One target under one store: its closed-loop and open-loop results.</summary>
internal sealed record IntakeRow(string Target, int Stored, LoadResult Closed, LoadResult Open);

internal sealed record IntakeReport(IntakeOptions Options, IReadOnlyList<IntakeRow> Rows, TimeSpan? Seeding, string Synchronous)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"| target | referrals stored | closed loop: 201/s ({Options.Connections} connections, {Options.Seconds:0.#} s) | closed: not 201 | closed p50 / p99 (ms) | open loop {Options.Rate:0.#}/s: p50 / p99 / max (ms) | open: 201 / not 201 |");
        text.AppendLine("| --- | ---: | ---: | --- | ---: | ---: | --- |");
        foreach (var row in Rows)
        {
            text.AppendLine(Invariant,
                $"| {row.Target} | {row.Stored:N0} | {row.Closed.CreatedPerSecond:0.0} | {row.Closed.NotCreatedText} | {row.Closed.Percentile(50):0} / {row.Closed.Percentile(99):0} | {row.Open.Percentile(50):0.0} / {row.Open.Percentile(99):0.0} / {row.Open.Percentile(100):0.0} | {row.Open.Created} / {row.Open.NotCreatedText} |");
        }

        text.AppendLine();
        foreach (var stored in Rows.Select(r => r.Stored).Distinct())
        {
            text.AppendLine(Invariant, $"- {stored:N0} stored: the app reaches {Percent(Throughput("app", stored), Throughput("baseline", stored))} of the baseline's throughput (goal ≥ 50%).");
        }

        if (Rows.Any(r => r.Stored > 0))
        {
            var stored = Rows.Max(r => r.Stored);
            text.AppendLine(Invariant, $"- With {stored:N0} stored the app keeps {Percent(Throughput("app", stored), Throughput("app", 0))} of its empty-store throughput (goal ≥ 90%); the baseline {Percent(Throughput("baseline", stored), Throughput("baseline", 0))}.");
        }

        if (Seeding is { } seeding)
        {
            text.AppendLine(Invariant, $"- Seeding {Rows.Max(r => r.Stored):N0} referrals through SubmitReferralHandler took {seeding.TotalSeconds:0} s ({Rows.Max(r => r.Stored) / seeding.TotalSeconds:0}/s).");
        }

        text.AppendLine(Invariant, $"- SQLite PRAGMA synchronous on both stores: {Synchronous} (journal_mode WAL).");
        return text.ToString();
    }

    public double Throughput(string target, int stored) => Rows.Single(r => r.Target == target && r.Stored == stored).Closed.CreatedPerSecond;

    private static string Percent(double part, double whole) => (part / whole).ToString("0%", Invariant);
}

/// <summary>
/// The referral intake benchmark: the real local host (Release build, SQLite, a fresh data folder) against a bare
/// Kestrel + SQLite baseline, in one process, one target loaded at a time; first with an empty store, then with
/// <see cref="IntakeOptions.Stored"/> referrals stored.
/// </summary>
internal static class IntakeBenchmark
{
    public static async Task<IntakeReport> RunAsync(IntakeOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var rows = new List<IntakeRow>();
        TimeSpan? seeding = null;
        var synchronous = "";
        foreach (var stored in options.Stored > 0 ? new[] { 0, options.Stored } : [0])
        {
            var folder = Directory.CreateTempSubdirectory("iom-loadbench-").FullName;
            try
            {
                var args = HostArgs(folder);
                if (stored > 0)
                {
                    log.WriteLine($"Seeding {stored:N0} referrals through SubmitReferralHandler…");
                    seeding = await Seeder.SeedAsync(args, stored, log, cancellationToken);
                    log.WriteLine($"Seeded in {seeding.Value.TotalSeconds:0} s.");
                }
                else
                {
                    // The same meetings as a seeded store, with no referrals.
                    await Seeder.SeedAsync(args, 0, log, cancellationToken);
                }

                var app = LocalHostApp.Build(args);
                await using (app)
                {
                    await app.StartAsync(cancellationToken);
                    await using var baseline = await BaselineServer.StartAsync(folder, stored, cancellationToken);
                    synchronous = $"app {await Synchronous(app)}, baseline {await BaselineSynchronous(baseline)}";
                    var run = Guid.NewGuid().ToString("N")[..8];
                    var targets = new[] { ("app", new Uri(app.Urls.First())), ("baseline", baseline.BaseAddress) };
                    var closed = new Dictionary<string, LoadResult>();
                    var open = new Dictionary<string, LoadResult>();
                    // Interleaved (app, baseline, app, baseline) so a change in the machine's load touches both.
                    foreach (var (name, uri) in targets)
                    {
                        log.WriteLine($"[{stored:N0} stored] {name}: warm-up request answered {await Load.WarmUpAsync(uri, Sender(run + name + "w", 1)(0))}");
                    }

                    foreach (var (name, uri) in targets)
                    {
                        log.WriteLine($"[{stored:N0} stored] {name}: closed loop, {options.Connections} connections, {options.Seconds} s…");
                        var result = await Load.ClosedLoopAsync(uri, options.Connections, TimeSpan.FromSeconds(options.WarmupSeconds),
                            TimeSpan.FromSeconds(options.Seconds), Sender(run + name + "c", options.Connections));
                        closed[name] = result;
                        log.WriteLine($"  {result.CreatedPerSecond:0.0} created/s, p50 {result.Percentile(50):0} ms, p99 {result.Percentile(99):0} ms, not created: {result.NotCreatedText} {result.FirstRefusal}");
                        await DrainAsync(app, name, log, cancellationToken);
                    }

                    foreach (var (name, uri) in targets)
                    {
                        log.WriteLine($"[{stored:N0} stored] {name}: open loop, {options.Rate}/s, {options.Seconds} s…");
                        var result = await Load.OpenLoopAsync(uri, options.Rate, TimeSpan.FromSeconds(options.Seconds), options.Connections,
                            Sender(run + name + "o", options.Connections));
                        open[name] = result;
                        log.WriteLine($"  p50 {result.Percentile(50):0.0} ms, p99 {result.Percentile(99):0.0} ms, max {result.Percentile(100):0.0} ms, not created: {result.NotCreatedText} {result.FirstRefusal}");
                        await DrainAsync(app, name, log, cancellationToken);
                    }

                    rows.AddRange(targets.Select(t => new IntakeRow(t.Item1, stored, closed[t.Item1], open[t.Item1])));
                    await app.StopAsync(CancellationToken.None);
                }
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }

        return new IntakeReport(options, rows, seeding, synchronous);
    }

    /// <summary>The local host's own arguments for a data folder, with the per-caller intake limit lifted.</summary>
    internal static string[] HostArgs(string folder) =>
    [
        "--Urls=http://127.0.0.1:0",
        $"--Sqlite:DataDirectory={folder}",
        $"--Outbox:Directory={Path.Combine(folder, "outbox")}",
        $"--Events:Directory={Path.Combine(folder, "events")}",
        // 30 a minute per caller would cap 64 callers at 32 referrals/s; 10,000 (the most the options allow) is ~167/s per
        // caller. Still counted in the store on every request, as in production: only the ceiling moves.
        "--RateLimits:PermitsPerMinute=10000",
        // Per-request Information logs to the console are a development convenience, not part of the intake's cost.
        "--Logging:LogLevel:Default=Warning",
    ];

    // Person numbers are unique across the whole run and above the seeded ones (which start at 0), so no referral is a
    // duplicate (PNC IDs stay distinct up to 300 million people).
    private static long nextPerson = 10_000_000;

    private static Func<int, HttpRequestMessage> Sender(string run, int callers)
    {
        var principals = Enumerable.Range(0, callers).Select(c => Referrals.Principal(c, run)).ToArray();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return caller =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/api/referrals")
            {
                Content = new ByteArrayContent(Referrals.JsonFor(Interlocked.Increment(ref nextPerson), today)),
            };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Headers.Add(ClientPrincipal.HeaderName, principals[caller]);
            return message;
        };
    }

    /// <summary>
    /// Waits until the app's queue is empty: each accepted referral queues an acknowledgement that the host sends
    /// about 5 s later, and a backlog left by one phase would otherwise load the next (the baseline's included).
    /// </summary>
    private static async Task DrainAsync(WebApplication app, string target, TextWriter log, CancellationToken cancellationToken)
    {
        if (target != "app")
        {
            return;
        }

        var database = app.Services.GetRequiredService<Iom.Adapters.Sqlite.SqliteDatabase>();
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM queue_messages WHERE queue NOT LIKE '%-poison'";
            if (Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                log.WriteLine($"  (acknowledgements drained in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s)");
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    internal static async Task<string> Synchronous(WebApplication app)
    {
        var database = app.Services.GetRequiredService<Iom.Adapters.Sqlite.SqliteDatabase>();
        await using var connection = await database.OpenAsync(CancellationToken.None);
        return await Pragma(connection);
    }

    internal static async Task<string> BaselineSynchronous(BaselineServer baseline)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(baseline.ConnectionString);
        await connection.OpenAsync();
        return await Pragma(connection);
    }

    private static async Task<string> Pragma(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) switch
        {
            0 => "OFF", 1 => "NORMAL", 2 => "FULL", 3 => "EXTRA", var other => other.ToString(CultureInfo.InvariantCulture),
        };
    }
}
