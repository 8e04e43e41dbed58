using Iom.LoadBench;

namespace Iom.Functions.Tests.Benchmarks;

/// <summary>
/// The intake benchmark (bench/Iom.LoadBench) run for a few seconds with tiny settings, so it cannot rot unnoticed:
/// it must still start both hosts, seed, send valid referrals and produce its table. Speed is never asserted here.
/// </summary>
public sealed class IntakeBenchmarkSmokeTests
{
    [Fact]
    public async Task The_intake_benchmark_loads_the_app_and_the_baseline_on_an_empty_and_a_seeded_store_and_reports_a_table()
    {
        var options = new IntakeOptions(Connections: 4, Seconds: 2, WarmupSeconds: 0.5, Rate: 20, Stored: 200);

        var report = await IntakeBenchmark.RunAsync(options, TextWriter.Null, TestContext.Current.CancellationToken);

        report.Rows.Select(r => (r.Target, r.Stored)).ShouldBe([("app", 0), ("baseline", 0), ("app", 200), ("baseline", 200)]);
        foreach (var row in report.Rows)
        {
            // Every request is a distinct, valid referral: anything but 201 means the harness no longer fits the API.
            row.Closed.Created.ShouldBeGreaterThan(0, $"{row.Target}, {row.Stored} stored");
            row.Closed.NotCreated.ShouldBe(0, $"{row.Target}, {row.Stored} stored: {row.Closed.FirstRefusal}");
            row.Open.Created.ShouldBe((int)(options.Rate * options.Seconds), $"{row.Target}, {row.Stored} stored: {row.Open.FirstRefusal}");
            row.Open.Percentile(99).ShouldBeGreaterThan(0);
        }

        report.Throughput("app", 0).ShouldBeGreaterThan(0);
        report.Throughput("baseline", 0).ShouldBeGreaterThan(0);
        report.Seeding.ShouldNotBeNull();
        var table = report.ToMarkdown();
        table.ShouldContain("| app | 200 |");
        table.ShouldContain("| baseline | 0 |");
        table.ShouldContain("of the baseline's throughput");
    }
}
