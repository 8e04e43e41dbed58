using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Iom.Adapters.Sqlite;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Cohort;
using Iom.Application.Identity;
using Iom.Application.Offending;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Releases.Alerts;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Performance;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;
using Iom.LocalHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Iom.LoadBench;

/// <summary>
/// The rollup benchmark (issue 12): for each size, a fresh SQLite store seeded with that many people and a year of
/// their documents (<see cref="RollupSeeder"/>), then, in a child process of its own so its peak memory is its own:
/// the nightly run (<see cref="NightlyRollups"/> as the app registers it) on routine nights after a first one, each
/// after a day of changes, against applying those changes; and a full recompute of the current financial year (what
/// <c>POST /api/performance/rollups/{period}/recompute</c> does: <see cref="RecomputeRollup"/> from the app's DI)
/// against the bare read of every fact-bearing document (<see cref="IDocumentStore.ReadKindAsync{T}"/>, no fold).
/// </summary>
internal static class RollupBenchmark
{
    /// <summary>The child process's command: one size, its result as one JSON line after <see cref="ResultPrefix"/>.</summary>
    public const string ChildCommand = "rollups-size";

    private const string ResultPrefix = "RESULT ";

    private static readonly ActingAs Analyst =
        new(new Caller("0b1c7a52-0000-4000-8000-0000000000b1", "Bench Analyst", null, "council", new HashSet<string> { Roles.Analyst }), "bench-rollups", RecomputeRollup.Purpose)
        {
            Scope = new ObjectScope(new RollupAccess(), new HashSet<string> { Roles.Analyst, Roles.Coordinator }),
        };

    public static async Task<RollupBenchReport> RunAsync(RollupOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var load = LoadAverage();
        var results = new List<RollupSizeResult>();
        foreach (var size in options.Sizes)
        {
            log.WriteLine($"{size:N0} people: {(options.InProcess ? "in this process" : "in a child process")}…");
            results.Add(options.InProcess
                ? await MeasureSizeAsync(size, options.Changes, options.Repetitions, options.RecomputeOnly, log, cancellationToken)
                : await ChildAsync(size, options, log, cancellationToken));
        }

        return new RollupBenchReport(options, results, load, LoadAverage(), Environment.ProcessorCount);
    }

    /// <summary>The child's side: measure one size and print the result for the parent.</summary>
    public static async Task<int> ChildMainAsync(IReadOnlyList<string> args)
    {
        int Arg(string name) => int.Parse(args[args.ToList().IndexOf(name) + 1], CultureInfo.InvariantCulture);
        var result = await MeasureSizeAsync(Arg("--size"), Arg("--changes"), Arg("--repetitions"), args.Contains("--recompute-only"), Console.Error, CancellationToken.None);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<RollupSizeResult> ChildAsync(int size, RollupOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        // The same program again: its apphost, or `dotnet exec` on its assembly where it runs inside another host.
        var self = typeof(RollupBenchmark).Assembly.Location;
        var start = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == Path.GetFileNameWithoutExtension(self)
            ? new ProcessStartInfo(Environment.ProcessPath!)
            : new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { ArgumentList = { "exec", self } };
        foreach (var arg in new[] { ChildCommand, "--size", Invariant(size), "--changes", Invariant(options.Changes), "--repetitions", Invariant(options.Repetitions) })
        {
            start.ArgumentList.Add(arg);
        }

        if (options.RecomputeOnly)
        {
            start.ArgumentList.Add("--recompute-only");
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.WriteLine("  " + e.Data);
            }
        };
        child.BeginErrorReadLine();
        RollupSizeResult? result = null;
        while (await child.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                result = JsonSerializer.Deserialize<RollupSizeResult>(line[ResultPrefix.Length..]);
            }
        }

        await child.WaitForExitAsync(cancellationToken);
        return child.ExitCode == 0 && result is not null
            ? result
            : throw new InvalidOperationException($"The child process for {size:N0} people exited with {child.ExitCode} and no result.");
    }

    /// <summary>
    /// One size, in this process: seed, the first night, routine nights after days of changes, then the baseline and the
    /// full recompute; with <paramref name="recomputeOnly"/>, seed and then only the baseline and the full recompute.
    /// </summary>
    public static async Task<RollupSizeResult> MeasureSizeAsync(int size, int changes, int repetitions, bool recomputeOnly, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("iom-rollupbench-").FullName;
        try
        {
            var clock = new FakeTimeProvider(RollupSeeder.At(RollupSeeder.HistoryEnd, 21, 0));
            // The app's own composition (as ./scripts/run builds it), never started: only its clock is the benchmark's.
            var app = LocalHostApp.Build(IntakeBenchmark.HostArgs(folder), overrideServices: services => services.AddSingleton<TimeProvider>(clock));
            await using var _ = app;
            var services = app.Services;
            var documents = services.GetRequiredService<IDocumentStore>();
            var calendar = services.GetRequiredService<WorkingDayCalendar>();

            log.WriteLine($"  seeding {size:N0} people…");
            var (ledger, seed) = await PhaseMeter.MeasureAsync(() => new RollupSeeder(documents, calendar).SeedAsync(size, cancellationToken));
            log.WriteLine($"  seeded in {seed.Ms / 1000:0.0} s: {ledger.Referrals:N0} referrals, {ledger.OffendingRecords:N0} offending records, {ledger.Memberships:N0} memberships, {ledger.Alerts:N0} alerts, {ledger.Circulations:N0} circulations, {ledger.Actions:N0} actions");

            var (firstMeasure, firstPeriods, firstFacts, nights) = recomputeOnly
                ? (new PhaseMeasure(0, 0, 0, 0), 0, 0, [])
                : await NightsAsync(services, documents, ledger, changes, repetitions, clock, log, cancellationToken);

            var today = RollupSeeder.HistoryEnd.AddDays(repetitions + 1);
            clock.SetUtcNow(RollupSeeder.At(today, 9, 0));
            var financialYear = ReportingPeriod.Containing(today)[2];
            var recompute = services.GetRequiredService<RecomputeRollup>();
            var baselines = new List<PhaseMeasure>();
            var recomputes = new List<PhaseMeasure>();
            KindCounts? counts = null;
            Rollup? rollup = null;
            if (recomputeOnly)
            {
                // No nights stand between the seeding and the first repetition here: one unmeasured full recompute
                // first, so the seeding's leftovers (its writer's pages, its heap) are not charged to the first one.
                await recompute.HandleAsync(financialYear.Name, Analyst, cancellationToken);
            }

            // Interleaved (baseline, recompute, baseline, …) so a change in the machine's load touches both.
            for (var r = 0; r < repetitions; r++)
            {
                var (read, baseline) = await PhaseMeter.MeasureAsync(() => ReadEveryFactDocumentAsync(documents, cancellationToken));
                baselines.Add(baseline);
                counts = read;
                var (stored, full) = await PhaseMeter.MeasureAsync(() => recompute.HandleAsync(financialYear.Name, Analyst, cancellationToken));
                recomputes.Add(full);
                rollup = stored.Value;
                log.WriteLine($"  baseline read {baseline.Ms:0} ms, full recompute of {financialYear.Name} {full.Ms:0} ms (peak {full.PeakBytes / 1048576.0:0} MiB)");
            }

            // What the recompute should have counted, taken before the new month's day adds referrals of its own.
            var expectedReceived = ledger.ReceivedBetween(financialYear.Start, today.AddDays(1));
            var newMonth = recomputeOnly ? null
                : await NewMonthAsync(documents, services.GetRequiredService<NightlyRollups>(), clock, ledger, today, changes, repetitions + 1, firstFacts, log, cancellationToken);
            var database = services.GetRequiredService<SqliteDatabase>();
            return new RollupSizeResult(size, changes, ledger.People, ledger.OffendingRecords, ledger.Referrals, ledger.Memberships, ledger.Alerts, ledger.Circulations, ledger.Actions,
                counts!, await DocumentCountAsync(database, cancellationToken), FileBytes(folder), seed, firstMeasure, firstPeriods, nights, baselines, recomputes,
                financialYear.Name, Total(rollup!, "referrals.received"), expectedReceived, PhaseMeter.ProcessPeak(), newMonth);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The first night (a first run: every month of the year not yet final; not reported as a routine night), then routine nights, each after a day of changes.</summary>
    private static async Task<(PhaseMeasure First, int FirstPeriods, int FirstFacts, List<NightResult> Nights)> NightsAsync(
        IServiceProvider services, IDocumentStore documents, RollupSeeder.Ledger ledger, int changes, int repetitions, FakeTimeProvider clock, TextWriter log, CancellationToken cancellationToken)
    {
        var nightly = services.GetRequiredService<NightlyRollups>();
        clock.SetUtcNow(RollupSeeder.At(RollupSeeder.HistoryEnd.AddDays(1), 2, 0));
        var (first, firstMeasure) = await PhaseMeter.MeasureAsync(() => nightly.RunAsync(cancellationToken));
        Require(first.Ran, "The first night did not run.");
        log.WriteLine($"  first night: {first.Periods.Count} periods in {firstMeasure.Ms:0} ms");
        var monthReceived = await MonthReceivedAsync(documents, RollupSeeder.HistoryEnd.AddDays(1));

        var nights = new List<NightResult>();
        for (var d = 1; d <= repetitions; d++)
        {
            var day = RollupSeeder.HistoryEnd.AddDays(d);
            clock.SetUtcNow(RollupSeeder.At(day, 9, 0));
            var (made, apply) = await PhaseMeter.MeasureAsync(() => new RollupDay(documents, ledger, day, changes, d).ApplyAsync(cancellationToken));
            var night = day.AddDays(1);
            clock.SetUtcNow(RollupSeeder.At(night, 2, 0));
            var (report, run) = await PhaseMeter.MeasureAsync(() => nightly.RunAsync(cancellationToken));
            Require(report.Ran, $"The night of {night} did not run.");
            var received = await MonthReceivedAsync(documents, night);
            nights.Add(new NightResult(night, made.Total, made.NewReferrals, made.Decisions, made.Acknowledgements, made.MembershipsEnded,
                apply, run, report.Periods.Count, received - monthReceived));
            log.WriteLine($"  night {night:yyyy-MM-dd}: {made.Total} changes applied in {apply.Ms:0} ms, nightly run {run.Ms:0} ms ({report.Periods.Count} periods, peak {run.PeakBytes / 1048576.0:0} MiB)");
            monthReceived = received;
        }

        return (firstMeasure, first.Periods.Count, first.State?.Facts ?? 0, nights);
    }

    /// <summary>
    /// The first night of the month after <paramref name="after"/>, the state kept: a day of changes on the month's last
    /// day (unmeasured nights before it are caught up by this one, as after a missed night), then the night that adds
    /// the new month, whose accumulator is seeded from the fact index. Measured like a routine night.
    /// </summary>
    private static async Task<NewMonthResult> NewMonthAsync(IDocumentStore documents, NightlyRollups nightly, FakeTimeProvider clock, RollupSeeder.Ledger ledger,
        DateOnly after, int changes, int dayNumber, int firstNightFacts, TextWriter log, CancellationToken cancellationToken)
    {
        var night = new DateOnly(after.Year, after.Month, 1).AddMonths(1);
        var day = night.AddDays(-1);
        clock.SetUtcNow(RollupSeeder.At(day, 9, 0));
        var before = await MonthReceivedAsync(documents, day);
        var (made, apply) = await PhaseMeter.MeasureAsync(() => new RollupDay(documents, ledger, day, changes, dayNumber).ApplyAsync(cancellationToken));
        clock.SetUtcNow(RollupSeeder.At(night, 2, 0));
        var (report, run) = await PhaseMeter.MeasureAsync(() => nightly.RunAsync(cancellationToken));
        Require(report.Ran && report.State is not null, $"The night of {night} did not run.");
        var moved = await MonthReceivedAsync(documents, day) - before;
        log.WriteLine($"  first night of a new month, {night:yyyy-MM-dd}: {made.Total} changes applied in {apply.Ms:0} ms, nightly run {run.Ms:0} ms "
            + $"({(report.State!.Rebuilt ? "rebuilt: " + report.State.Why : "seeded " + string.Join(", ", report.State.Seeded))}, peak {run.PeakBytes / 1048576.0:0} MiB)");
        return new NewMonthResult(
            new NightResult(night, made.Total, made.NewReferrals, made.Decisions, made.Acknowledgements, made.MembershipsEnded, apply, run, report.Periods.Count, moved),
            report.State.Rebuilt, report.State.Seeded, firstNightFacts);
    }

    /// <summary>
    /// The floor of a full recompute: every fact-bearing document read once, as <see cref="DocumentFactSource"/> reads
    /// them (the same kinds, the same paged scan, each deserialised), nothing folded or kept. Also counts them, so
    /// the run shows what was seeded.
    /// </summary>
    private static async Task<KindCounts> ReadEveryFactDocumentAsync(IDocumentStore documents, CancellationToken cancellationToken)
    {
        static async Task<int> Count<T>(IDocumentStore documents, string container, CancellationToken cancellationToken)
        {
            var n = 0;
            await foreach (var _ in documents.ReadKindAsync<T>(container, cancellationToken))
            {
                n++;
            }

            return n;
        }

        return new KindCounts(
            await Count<Referral>(documents, Containers.People, cancellationToken),
            await Count<CohortMembership>(documents, Containers.People, cancellationToken),
            await Count<ReleaseAlert>(documents, Containers.People, cancellationToken),
            await Count<Circulation>(documents, Containers.Panels, cancellationToken),
            await Count<PanelAction>(documents, Containers.Panels, cancellationToken));
    }

    /// <summary>The month to date's <c>referrals.received</c> as the last night stored it.</summary>
    private static async Task<decimal> MonthReceivedAsync(IDocumentStore documents, DateOnly night)
    {
        var stored = await documents.ReadAsync<Rollup>(RollupDocuments.KeyOf(ReportingPeriod.Containing(night)[0]));
        return Total(stored?.Value ?? throw new InvalidOperationException($"No rollup of the month of {night}."), "referrals.received");
    }

    private static decimal Total(Rollup rollup, string measure) =>
        rollup.Tables.Single(t => t.Measure == measure && t.Breakdown == "total").Cells.Single().Value ?? 0;

    private static async Task<long> DocumentCountAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM documents";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static long FileBytes(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
