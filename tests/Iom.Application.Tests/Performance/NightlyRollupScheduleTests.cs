using System.Globalization;
using Cronos;
using Iom.Application.Performance.Rollups;
using Iom.Domain.Calendar;
using Iom.Domain.Performance;

namespace Iom.Application.Tests.Performance;

/// <summary>
/// The timer's UTC schedule driven through a whole London night with the clock (Cronos gives the firings): the run
/// happens once, at 02:00 London time, on an ordinary night and on both clock-change nights.
/// </summary>
public sealed class NightlyRollupScheduleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset T(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    public static TheoryData<string, string> Nights() => new()
    {
        // An ordinary winter night: 02:00 GMT is 02:00 UTC.
        { "2026-11-15", "2026-11-15T02:00:00Z" },
        // An ordinary summer night: 02:00 BST is 01:00 UTC.
        { "2026-07-15", "2026-07-15T01:00:00Z" },
        // Last Sunday of March: at 01:00 UTC clocks go from 01:00 GMT to 02:00 BST, so 01:00 UTC is 02:00 London.
        { "2026-03-29", "2026-03-29T01:00:00Z" },
        // Last Sunday of October: at 01:00 UTC clocks go from 02:00 BST back to 01:00 GMT; 02:00 London is 02:00 UTC.
        { "2026-10-25", "2026-10-25T02:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Nights))]
    public async Task The_run_happens_once_a_London_night_at_two_in_the_morning_London_time(string night, string expectedRunUtc)
    {
        var day = DateOnly.ParseExact(night, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var from = new DateTimeOffset(day.AddDays(-1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        using var kit = new RollupKit(from.ToString("O", CultureInfo.InvariantCulture));
        var schedule = CronExpression.Parse(NightlyRollups.Schedule, CronFormat.IncludeSeconds);
        var firings = schedule.GetOccurrences(from, from.AddDays(1), TimeZoneInfo.Utc).ToList();

        var runs = new List<(DateTimeOffset At, NightlyRollupReport Report)>();
        foreach (var firing in firings)
        {
            kit.Time.SetUtcNow(firing);
            runs.Add((firing, await kit.Nightly.RunAsync(Ct)));
        }

        firings.Count.ShouldBe(2);
        var ran = runs.Where(r => r.Report.Ran).ShouldHaveSingleItem();
        ran.At.ShouldBe(T(expectedRunUtc));
        LondonTime.ToLondon(ran.At).TimeOfDay.ShouldBe(TimeSpan.FromHours(2));
        ran.Report.Night.ShouldBe(day);
        runs.Where(r => !r.Report.Ran).ShouldHaveSingleItem().Report.Why.ShouldBeOneOf("before-02:00", "already-ran");
        (await kit.Documents.ReadAsync<NightlyRollupRun>(RollupDocuments.RunKeyOf(day), Ct)).ShouldNotBeNull();
        var month = ReportingPeriod.Month(day.Year, day.Month);
        (await kit.Documents.ReadAsync<Rollup>(RollupDocuments.KeyOf(month), Ct)).ShouldNotBeNull().Value.Final.ShouldBeFalse();
    }

    [Fact]
    public async Task A_doubled_or_retried_trigger_does_nothing_the_second_time()
    {
        using var kit = new RollupKit("2026-11-15T02:00:00Z");

        var first = await kit.Nightly.RunAsync(Ct);
        kit.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await kit.Nightly.RunAsync(Ct);

        first.Ran.ShouldBeTrue();
        second.Ran.ShouldBeFalse();
        second.Why.ShouldBe("already-ran");
        second.Periods.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_firing_before_two_in_the_morning_London_time_writes_nothing()
    {
        using var kit = new RollupKit("2026-11-15T01:00:00Z");

        var report = await kit.Nightly.RunAsync(Ct);

        report.Ran.ShouldBeFalse();
        report.Why.ShouldBe("before-02:00");
        (await kit.Documents.ReadAsync<NightlyRollupRun>(RollupDocuments.RunKeyOf(new DateOnly(2026, 11, 15)), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task A_run_that_fails_gives_the_night_back_so_a_retry_runs_it()
    {
        var source = new FailingOnceSource();
        using var kit = new RollupKit("2026-11-15T02:00:00Z", source);

        await Should.ThrowAsync<InvalidOperationException>(() => kit.Nightly.RunAsync(Ct));
        var retry = await kit.Nightly.RunAsync(Ct);

        retry.Ran.ShouldBeTrue();
    }

    [Fact]
    public async Task The_first_night_of_a_month_finalises_the_month_just_ended_and_its_quarter_and_year()
    {
        using var kit = new RollupKit("2026-11-01T02:00:00Z");
        var october = ReportingPeriod.Month(2026, 10);
        await kit.Writer.ComputeAsync(october, new DateOnly(2026, 11, 1), await kit.Source.ReadAsync(Ct), Ct);
        kit.Time.SetUtcNow(T("2026-12-01T02:00:00Z"));

        var report = await kit.Nightly.RunAsync(Ct);

        report.Periods.ShouldBe(["2026-12", "2026-11", "2026-Q4", "FY2026-27"]);
        (await kit.Documents.ReadAsync<Rollup>(RollupDocuments.KeyOf(ReportingPeriod.Month(2026, 11)), Ct)).ShouldNotBeNull().Value.Final.ShouldBeTrue();
        (await kit.Documents.ReadAsync<Rollup>(RollupDocuments.KeyOf(ReportingPeriod.Month(2026, 12)), Ct)).ShouldNotBeNull().Value.Final.ShouldBeFalse();
    }

    [Fact]
    public async Task The_first_night_of_January_finalises_December_of_the_year_before_and_its_quarter()
    {
        using var kit = new RollupKit("2026-12-01T02:00:00Z");
        var november = ReportingPeriod.Month(2026, 11);
        await kit.Writer.ComputeAsync(november, new DateOnly(2026, 12, 1), await kit.Source.ReadAsync(Ct), Ct);
        kit.Time.SetUtcNow(T("2027-01-01T02:00:00Z"));

        var report = await kit.Nightly.RunAsync(Ct);

        report.Periods.ShouldBe(["2027-01", "2026-12", "2027-Q1", "FY2026-27", "2026-Q4"]);
        (await kit.Documents.ReadAsync<Rollup>(RollupDocuments.KeyOf(ReportingPeriod.Month(2026, 12)), Ct)).ShouldNotBeNull().Value.Final.ShouldBeTrue();
    }

    [Fact]
    public async Task A_first_run_catches_up_on_the_months_of_the_past_year_none_of_which_is_final()
    {
        using var kit = new RollupKit("2026-11-15T02:00:00Z");

        var report = await kit.Nightly.RunAsync(Ct);

        report.Periods.Take(NightlyRollups.MonthsBack + 1).ShouldBe([.. Enumerable.Range(0, NightlyRollups.MonthsBack + 1).Select(i => ReportingPeriod.Month(2026, 11).Start.AddMonths(-i)).Select(d => ReportingPeriod.Month(d.Year, d.Month).Name)]);
        report.Periods.Skip(NightlyRollups.MonthsBack + 1).ShouldBe(["2026-Q4", "FY2026-27", "2026-Q3", "2026-Q2", "2026-Q1", "FY2025-26", "2025-Q4"]);
    }

    private sealed class FailingOnceSource : IPerformanceFactSource
    {
        private int calls;

        public Task<PerformanceFactsRead> ReadAsync(CancellationToken cancellationToken) =>
            Interlocked.Increment(ref calls) == 1
                ? throw new InvalidOperationException("The store went away.")
                : Task.FromResult(new PerformanceFactsRead(new Domain.Performance.Facts.PerformanceFacts(), DateTimeOffset.UnixEpoch, null));
    }
}
