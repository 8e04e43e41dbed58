using Iom.Domain.Performance;

namespace Iom.Domain.Tests.Performance;

public sealed class ReportingPeriodTests
{
    [Theory]
    [InlineData("2026-11", "2026-11-01", "2026-12-01")]
    [InlineData("2026-12", "2026-12-01", "2027-01-01")]
    [InlineData("2026-Q1", "2026-01-01", "2026-04-01")]
    [InlineData("2026-Q3", "2026-07-01", "2026-10-01")]
    [InlineData("FY2026-27", "2026-04-01", "2027-04-01")]
    [InlineData("FY2099-00", "2099-04-01", "2100-04-01")]
    public void A_period_name_reads_as_the_dates_it_covers_and_writes_back_the_same(string name, string start, string end)
    {
        ReportingPeriod.TryParse(name, out var period).ShouldBeTrue();
        period.Start.ShouldBe(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        period.End.ShouldBe(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
        period.Name.ShouldBe(name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-1")]
    [InlineData("2026-Q5")]
    [InlineData("2026-q3")]
    [InlineData("FY2026-28")]
    [InlineData("FY2026/27")]
    [InlineData("fy2026-27")]
    [InlineData("1999-01")]
    [InlineData("2026-11 ")]
    [InlineData("2026-11\n")]
    [InlineData("<script>")]
    public void Anything_but_a_period_name_is_refused(string name) =>
        ReportingPeriod.TryParse(name, out _).ShouldBeFalse();

    [Fact]
    public void The_financial_year_turns_on_the_first_of_April()
    {
        ReportingPeriod.Containing(new DateOnly(2027, 3, 31)).Select(p => p.Name).ShouldBe(["2027-03", "2027-Q1", "FY2026-27"]);
        ReportingPeriod.Containing(new DateOnly(2027, 4, 1)).Select(p => p.Name).ShouldBe(["2027-04", "2027-Q2", "FY2027-28"]);
    }

    [Fact]
    public void A_period_is_complete_from_the_day_after_its_last_day()
    {
        var november = ReportingPeriod.Month(2026, 11);
        november.IsComplete(new DateOnly(2026, 11, 30)).ShouldBeFalse();
        november.IsComplete(new DateOnly(2026, 12, 1)).ShouldBeTrue();
        november.LastDay.ShouldBe(new DateOnly(2026, 11, 30));
    }

    [Fact]
    public void A_financial_year_is_made_of_twelve_months_from_April()
    {
        var months = ReportingPeriod.FinancialYear(2026).Months().Select(m => m.Name).ToList();
        months.Count.ShouldBe(12);
        months[0].ShouldBe("2026-04");
        months[^1].ShouldBe("2027-03");
    }

    [Theory]
    [InlineData("2026-01", -1, "2025-12")]
    [InlineData("2025-12", 1, "2026-01")]
    [InlineData("2026-03", -15, "2024-12")]
    [InlineData("2026-11", 0, "2026-11")]
    [InlineData("2024-02", 12, "2025-02")]
    public void A_month_moves_by_months_across_the_year_end(string from, int months, string expected)
    {
        ReportingPeriod.TryParse(from, out var month).ShouldBeTrue();
        month.Plus(months).Name.ShouldBe(expected);
    }

    [Fact]
    public void The_months_before_January_run_back_into_the_year_before_latest_first() =>
        ReportingPeriod.Month(2026, 1).MonthsBefore(3).Select(m => m.Name).ShouldBe(["2025-12", "2025-11", "2025-10"]);

    [Fact]
    public void Twelve_months_before_a_month_end_with_the_same_month_a_year_earlier()
    {
        var months = ReportingPeriod.Month(2027, 2).MonthsBefore(12);
        months.Count.ShouldBe(12);
        months[^1].ShouldBe(ReportingPeriod.Month(2026, 2));
        months.ShouldAllBe(m => m.Kind == ReportingPeriodKind.Month);
    }

    [Fact]
    public void No_months_before_is_an_empty_list_and_a_negative_count_is_refused()
    {
        ReportingPeriod.Month(2026, 1).MonthsBefore(0).ShouldBeEmpty();
        Should.Throw<ArgumentOutOfRangeException>(() => ReportingPeriod.Month(2026, 1).MonthsBefore(-1));
    }

    [Fact]
    public void Only_a_month_moves_by_months()
    {
        Should.Throw<InvalidOperationException>(() => ReportingPeriod.Quarter(2026, 1).Plus(1));
        Should.Throw<InvalidOperationException>(() => ReportingPeriod.FinancialYear(2026).MonthsBefore(1));
    }
}
