using System.Globalization;
using Iom.Adapters.Sqlite;
using Iom.Application.Identity;
using Iom.Application.Performance;
using Iom.Application.Performance.Dashboard;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Performance;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Performance;

/// <summary>The dashboard's reads on a real SQLite store: 14 December 2026 in London, so December 2025 to December 2026.</summary>
public sealed class GetDashboardHandlerTests : IDisposable
{
    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-dashboard-").FullName, "iom.db"));
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", CultureInfo.InvariantCulture));
    private readonly SqliteDocumentStore documents;

    public GetDashboardHandlerTests() => documents = new SqliteDocumentStore(database, time);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task The_dashboard_is_sixteen_point_reads_for_an_analyst_and_thirteen_for_a_councillor_in_one_round_trip_however_many_periods_are_stored_and_writes_nothing()
    {
        // Ten years of months, quarters and financial years: none of it may be read but the thirteen months shown and,
        // for an analyst, the three financial years of NI 30.
        for (var start = new DateOnly(2016, 1, 1); start < new DateOnly(2027, 1, 1); start = start.AddMonths(1))
        {
            await StoreAsync(ReportingPeriod.Month(start.Year, start.Month), 30);
            if (start.Month % 3 == 1)
            {
                await StoreAsync(ReportingPeriod.Quarter(start.Year, ((start.Month - 1) / 3) + 1), 90);
            }

            if (start.Month == 4)
            {
                await StoreAsync(ReportingPeriod.FinancialYear(start.Year), 300);
            }
        }

        var counting = new RoundTripCountingStore(documents);
        var dashboard = SingleThreadedContext.Run(() => Handler(counting).HandleAsync(Caller(Roles.Analyst), Ct));
        var councilCounting = new RoundTripCountingStore(documents);
        var councillor = SingleThreadedContext.Run(() => Handler(councilCounting).HandleAsync(Caller(Roles.Councillor), Ct));

        counting.Calls.ShouldBe(16);
        counting.Rounds.ShouldBe(1);
        counting.Log.SelectMany(r => r).ShouldAllBe(call => call == "read performance");
        councilCounting.Calls.ShouldBe(13);
        councilCounting.Rounds.ShouldBe(1);
        dashboard.Periods.Select(p => p.Period.Name).ShouldBe(
            ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]);
        dashboard.Periods.Select(p => p.ToDate).ShouldBe([.. Enumerable.Repeat(false, 12), true]);
        dashboard.Years.Select(p => p.Period.Name).ShouldBe(["FY2024-25", "FY2025-26", "FY2026-27"]);
        dashboard.Years.Select(p => p.ToDate).ShouldBe([false, false, true]);
        dashboard.Years.ShouldAllBe(p => p.Computed && p.Rollup != null);
        councillor.Years.ShouldBeEmpty();
    }

    [Fact]
    public async Task After_a_final_month_is_recomputed_analysts_read_the_new_figures_and_councillors_the_view_first_published()
    {
        var november = ReportingPeriod.Month(2026, 11);
        await StoreAsync(november, barnes: 3, kew: 40);
        var before = (await Handler(documents).HandleAsync(Caller(Roles.Councillor), Ct)).Periods.Single(p => p.Period == november).Rollup;

        // Late data: Barnes had five, not three. Stored as a recompute stores it, publishing again if it can.
        await StoreAsync(november, barnes: 5, kew: 41);

        var analyst = (await Handler(documents).HandleAsync(Caller(Roles.Analyst), Ct)).Periods.Single(p => p.Period == november).Rollup!;
        var councillor = (await Handler(documents).HandleAsync(Caller(Roles.Councillor), Ct)).Periods.Single(p => p.Period == november).Rollup!;
        analyst.Tables.Single(t => t.Breakdown == "total").Cells.Single().Value.ShouldBe(46);
        councillor.ShouldBe(before, new RollupComparer());
        councillor.ShouldBe(CouncillorView.Of(november, Rollup(november, 3, 40, final: true)), new RollupComparer());
    }

    /// <summary>Rollups compared by their stored bytes (records holding lists compare lists by reference).</summary>
    private sealed class RollupComparer : IEqualityComparer<Rollup?>
    {
        public bool Equals(Rollup? x, Rollup? y) =>
            x is not null && y is not null && RollupWriter.Bytes(x).AsSpan().SequenceEqual(RollupWriter.Bytes(y));

        public int GetHashCode(Rollup? obj) => 0;
    }

    [Fact]
    public async Task A_month_with_no_rollup_is_not_computed_and_a_councillor_gets_the_councillor_view_of_completed_months_only()
    {
        await StoreAsync(ReportingPeriod.Month(2026, 11), 3);
        await StoreAsync(ReportingPeriod.Month(2026, 12), 30, final: false);

        var analyst = await Handler(documents).HandleAsync(Caller(Roles.Analyst), Ct);
        var councillor = await Handler(documents).HandleAsync(Caller(Roles.Councillor), Ct);

        analyst.Audience.ShouldBe(DashboardAudience.Full);
        analyst.Periods.Single(p => p.Period.Name == "2026-10").ShouldSatisfyAllConditions(p => p.Computed.ShouldBeFalse(), p => p.Rollup.ShouldBeNull());
        analyst.Periods.Single(p => p.Period.Name == "2026-11").Rollup!.Tables.Count.ShouldBe(3);
        councillor.Audience.ShouldBe(DashboardAudience.Councillor);
        councillor.Periods.Single(p => p.Period.Name == "2026-11").Rollup!.Tables.Select(t => t.Breakdown).ShouldBe(["total", "ward"]);
        councillor.Periods.Single(p => p.Period.Name == "2026-11").Rollup!.Tables.SelectMany(t => t.Cells).Where(c => c.Suppressed).ShouldNotBeEmpty();
        councillor.Periods.Single(p => p.Period.Name == "2026-12").ShouldSatisfyAllConditions(p => p.Computed.ShouldBeTrue(), p => p.Rollup.ShouldBeNull());
        councillor.Targets["cohort.size"].ShouldBe(120);
    }

    [Fact]
    public async Task Breakdowns_default_to_the_last_final_month_and_a_period_outside_those_shown_costs_one_more_read_in_the_same_round_trip()
    {
        await StoreAsync(ReportingPeriod.Month(2026, 10), 8);
        await StoreAsync(ReportingPeriod.Month(2026, 11), 3, final: false);
        await StoreAsync(ReportingPeriod.Quarter(2026, 3), 20);

        var byDefault = await Handler(documents).HandleAsync(Caller(Roles.Analyst), Ct);
        var counting = new RoundTripCountingStore(documents);
        var quarter = SingleThreadedContext.Run(() => Handler(counting).HandleAsync(Caller(Roles.Coordinator), "2026-Q3", Ct));

        // November is not final yet (its nightly run is still to come): October is the last final month.
        byDefault.Breakdowns.ShouldNotBeNull().Period.ShouldBe(ReportingPeriod.Month(2026, 10));
        byDefault.Breakdowns.Rollup.ShouldNotBeNull().Period.ShouldBe("2026-10");
        quarter.Breakdowns.ShouldNotBeNull().Rollup.ShouldNotBeNull().Period.ShouldBe("2026-Q3");
        // Thirteen months, three financial years and the quarter.
        (counting.Calls, counting.Rounds).ShouldBe((17, 1));
        (await Handler(documents).HandleAsync(Caller(Roles.Analyst), "2025-01", Ct)).Breakdowns.ShouldNotBeNull().Rollup.ShouldBeNull();
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("Q3-2026")]
    [InlineData("")]
    public async Task A_malformed_period_is_refused_before_anything_is_read(string period)
    {
        var counting = new RoundTripCountingStore(documents);

        await Should.ThrowAsync<Iom.Application.Errors.ValidationFailedException>(() => Handler(counting).HandleAsync(Caller(Roles.Analyst), period, Ct));

        counting.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task A_councillor_gets_no_breakdowns_whatever_period_is_asked_for()
    {
        await StoreAsync(ReportingPeriod.Month(2026, 10), 8);

        (await Handler(documents).HandleAsync(Caller(Roles.Councillor), "2026-10", Ct)).Breakdowns.ShouldBeNull();
    }

    [Fact]
    public async Task Someone_who_is_both_an_analyst_and_a_councillor_sees_what_an_analyst_sees()
    {
        (await Handler(documents).HandleAsync(Caller(Roles.Councillor, Roles.Analyst), Ct)).Audience.ShouldBe(DashboardAudience.Full);
    }

    [Theory]
    [InlineData("cohort.size", "120", true)]
    [InlineData("referrals.on-time", "0.9", true)]
    [InlineData("Cohort Size", "120", false)]
    [InlineData("cohort..size", "120", false)]
    [InlineData("cohort.size", "-1", false)]
    public void A_target_must_name_a_measure_and_be_at_least_zero(string measure, string target, bool valid)
    {
        var options = new PerformanceTargetsOptions { Targets = { [measure] = decimal.Parse(target, CultureInfo.InvariantCulture) } };

        new PerformanceTargetsOptionsValidator().Validate(null, options).Succeeded.ShouldBe(valid);
    }

    private GetDashboardHandler Handler(IDocumentStore store) =>
        new(store, Options.Create(new PerformanceTargetsOptions { Targets = { ["cohort.size"] = 120 } }), time);

    private static Caller Caller(params string[] roles) => new("user-1", "Reader", "reader@richmond.gov.uk", "council", new HashSet<string>(roles, StringComparer.Ordinal));

    /// <summary>Stores a month's rollup as the job does, publishing its councillor view the first time it is final.</summary>
    private async Task StoreAsync(ReportingPeriod period, int barnes, bool final = true, int kew = 40)
    {
        var rollup = Rollup(period, barnes, kew, final);
        await documents.UpsertAsync(RollupDocuments.KeyOf(period), rollup, Ct);
        await new RollupWriter(documents, new WorkingDayCalendar(), Options.Create(new Ni30Options())).PublishAsync(period, rollup, new DateOnly(2026, 12, 14), Ct);
    }

    private Rollup Rollup(ReportingPeriod period, int barnes, int kew, bool final) =>
        new(period.Name, "2026.1", new RollupWatermark(time.GetUtcNow(), null), final,
        [
            new MeasureTable("cohort.size", "agency", MeasureUnit.Count, [new MeasureCell("police", barnes + kew)]),
            new MeasureTable("cohort.size", "total", MeasureUnit.Count, [new MeasureCell("all", barnes + kew)]),
            new MeasureTable("cohort.size", "ward", MeasureUnit.Count, [new MeasureCell("E05013765", barnes), new MeasureCell("E05013774", kew)]),
        ]);
}
