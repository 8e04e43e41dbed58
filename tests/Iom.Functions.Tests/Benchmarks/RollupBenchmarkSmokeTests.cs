using Iom.LoadBench;

namespace Iom.Functions.Tests.Benchmarks;

/// <summary>
/// The rollup benchmark (bench/Iom.LoadBench, <c>rollups</c>) at a tiny size, so it cannot rot unnoticed: it must still
/// seed a store the fact source reads, the full recompute must count the seeded referrals, and each routine night must
/// see that day's changes. Measured in this process (the benchmark proper starts a child per size). Speed and memory
/// are never asserted here.
/// </summary>
public sealed class RollupBenchmarkSmokeTests
{
    [Fact]
    public async Task The_rollup_benchmark_counts_what_it_seeded_and_each_night_sees_the_days_changes()
    {
        var options = new RollupOptions([5, 50], Changes: 10, Repetitions: 2, InProcess: true);

        var report = await RollupBenchmark.RunAsync(options, TextWriter.Null, TestContext.Current.CancellationToken);

        report.Sizes.Select(s => s.People).ShouldBe([5, 50]);
        foreach (var size in report.Sizes)
        {
            size.OffendingRecords.ShouldBe(size.People * RollupSeeder.OffendingRecordsPerPerson);
            size.Referrals.ShouldBeGreaterThanOrEqualTo(size.People, "every person has a referral");
            // What the baseline read is what was seeded, plus the days' new referrals and the cohort spells they started.
            size.Read.Referrals.ShouldBe(size.Referrals + size.Nights.Sum(n => n.NewReferrals));
            size.Read.Memberships.ShouldBeGreaterThanOrEqualTo(size.Memberships);
            size.Read.Alerts.ShouldBe(size.Alerts);
            size.Read.Circulations.ShouldBe(size.Circulations);
            size.Read.Actions.ShouldBe(size.Actions);
            size.Documents.ShouldBeGreaterThan(size.Read.Total + size.OffendingRecords, "the rollups and run records are stored too");

            size.FinancialYear.ShouldBe("FY2026-27");
            size.RecomputedReceived.ShouldBe(size.ExpectedReceived);
            size.ExpectedReceived.ShouldBeGreaterThan(0);
            size.Recomputes.Count.ShouldBe(options.Repetitions);
            size.Baselines.Count.ShouldBe(options.Repetitions);

            size.FirstNightPeriods.ShouldBeGreaterThan(3, "a first run computes every month of the year not yet final");
            size.Nights.Count.ShouldBe(options.Repetitions);
            foreach (var night in size.Nights)
            {
                night.Changes.ShouldBe(options.Changes);
                night.NewReferrals.ShouldBeGreaterThan(0);
                night.MonthReceivedMoved.ShouldBe(night.NewReferrals, $"the night of {night.Night} counts the day's new referrals in the month to date");
                night.Periods.ShouldBe(3, "a routine night computes the month to date, its quarter and its financial year");
                night.Run.PeakBytes.ShouldBeGreaterThan(0);
            }

            // The first night of a new month keeps the state: December is seeded, not rebuilt, and the day's changes count.
            var month = size.NewMonth.ShouldNotBeNull();
            month.Night.Night.ShouldBe(new DateOnly(2026, 12, 1));
            month.Rebuilt.ShouldBeFalse();
            month.Seeded.ShouldBe(["2026-12"]);
            month.Night.Changes.ShouldBe(options.Changes);
            month.Night.MonthReceivedMoved.ShouldBe(month.Night.NewReferrals, "November, final that night, counts its last day's new referrals");
            month.FirstNightFacts.ShouldBeGreaterThan(size.Referrals, "the first night indexed every fact");
        }

        report.Sizes[1].Nights.Sum(n => n.Decisions + n.Acknowledgements + n.MembershipsEnded).ShouldBeGreaterThan(0, "a day is not only new referrals");
        var markdown = report.ToMarkdown();
        markdown.ShouldContain("| 5 → 50 (10×) |");
        markdown.ShouldContain("Full recompute at 100,000 people under 10 s and 1 GiB: not measured in this run");
        markdown.ShouldContain("The nightly run with 10× the history in at most 1.5× the time, 5 → 50 people:");
        markdown.ShouldContain("ms (2026-12-01) |");
    }

    [Fact]
    public async Task The_recompute_only_run_seeds_and_recomputes_without_running_any_night()
    {
        var options = RollupOptions.Parse(["--sizes", "5", "--repetitions", "1", "--phases", "recompute", "--in-process"]);

        var report = await RollupBenchmark.RunAsync(options, TextWriter.Null, TestContext.Current.CancellationToken);

        var size = report.Sizes.ShouldHaveSingleItem();
        size.Nights.ShouldBeEmpty();
        size.FirstNightPeriods.ShouldBe(0);
        size.Recomputes.Count.ShouldBe(1);
        size.RecomputedReceived.ShouldBe(size.ExpectedReceived);
        size.Read.Referrals.ShouldBe(size.Referrals, "no day of changes was applied");
        report.ToMarkdown().ShouldContain("not measured (--phases recompute)");
    }
}
