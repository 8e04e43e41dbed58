using Iom.Domain.Calendar;
using Iom.Domain.Panels;

namespace Iom.Domain.Tests.Panels;

public sealed class MeetingRecurrenceTests
{
    private static readonly WorkingDayCalendar Calendar = new();
    private static readonly TimeOnly Ten = new(10, 0);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void The_second_tuesday_of_every_month_of_2026()
    {
        var rule = new MeetingRecurrence(DayOfWeek.Tuesday, 2, Ten);

        rule.Occurrences(D(2026, 1, 1), D(2026, 12, 31)).ShouldBe(
        [
            D(2026, 1, 13), D(2026, 2, 10), D(2026, 3, 10), D(2026, 4, 14), D(2026, 5, 12), D(2026, 6, 9),
            D(2026, 7, 14), D(2026, 8, 11), D(2026, 9, 8), D(2026, 10, 13), D(2026, 11, 10), D(2026, 12, 8),
        ]);
    }

    [Fact]
    public void The_range_includes_both_ends_whatever_the_start_time()
    {
        var late = new MeetingRecurrence(DayOfWeek.Tuesday, 2, new TimeOnly(23, 59));
        var early = new MeetingRecurrence(DayOfWeek.Tuesday, 2, new TimeOnly(0, 0));

        late.Occurrences(D(2026, 12, 8), D(2027, 1, 12)).ShouldBe([D(2026, 12, 8), D(2027, 1, 12)]);
        early.Occurrences(D(2026, 12, 8), D(2027, 1, 12)).ShouldBe([D(2026, 12, 8), D(2027, 1, 12)]);
        early.Occurrences(D(2026, 12, 9), D(2027, 1, 11)).ShouldBeEmpty();
    }

    [Fact]
    public void Dates_do_not_shift_across_the_clock_changes()
    {
        // The clocks go forward on Sun 29 Mar 2026 and back on Sun 25 Oct 2026.
        var sundayAtOne = new MeetingRecurrence(DayOfWeek.Sunday, MeetingRecurrence.Last, new TimeOnly(1, 30));

        sundayAtOne.Occurrences(D(2026, 3, 1), D(2026, 10, 31)).ShouldBe(
            [D(2026, 3, 29), D(2026, 4, 26), D(2026, 5, 31), D(2026, 6, 28), D(2026, 7, 26), D(2026, 8, 30), D(2026, 9, 27), D(2026, 10, 25)]);
    }

    [Fact]
    public void The_last_monday_of_each_month_in_2026_and_2027_falls_on_the_bank_holidays_of_may_august_and_christmas()
    {
        var rule = new MeetingRecurrence(DayOfWeek.Monday, MeetingRecurrence.Last, new TimeOnly(14, 0));

        var dates = rule.Occurrences(D(2026, 1, 1), D(2027, 12, 31)).ToList();

        dates.Count.ShouldBe(24);
        dates.ShouldAllBe(d => d.DayOfWeek == DayOfWeek.Monday && d.AddDays(7).Month != d.Month);
        dates.Where(d => rule.FallsOnBankHoliday(d, Calendar)).ShouldBe(
        [
            D(2026, 5, 25), D(2026, 8, 31), D(2026, 12, 28),
            D(2027, 3, 29), D(2027, 5, 31), D(2027, 8, 30), D(2027, 12, 27),
        ]);
    }

    [Fact]
    public void The_fourth_friday_of_december_2026_is_christmas_day_and_is_kept_but_flagged()
    {
        var rule = new MeetingRecurrence(DayOfWeek.Friday, 4, Ten);

        rule.Occurrences(D(2026, 12, 1), D(2027, 1, 31)).ShouldBe([D(2026, 12, 25), D(2027, 1, 22)]);
        rule.FallsOnBankHoliday(D(2026, 12, 25), Calendar).ShouldBeTrue();
        rule.FallsOnBankHoliday(D(2027, 1, 22), Calendar).ShouldBeFalse();
    }

    [Fact]
    public void The_first_monday_of_may_is_the_early_may_bank_holiday()
    {
        var rule = new MeetingRecurrence(DayOfWeek.Monday, 1, Ten);

        rule.Occurrences(D(2027, 5, 1), D(2027, 5, 31)).ShouldBe([D(2027, 5, 3)]);
        rule.FallsOnBankHoliday(D(2027, 5, 3), Calendar).ShouldBeTrue();
    }

    [Fact]
    public void The_second_tuesday_never_meets_a_bank_holiday_in_2026_or_2027()
    {
        var rule = new MeetingRecurrence(DayOfWeek.Tuesday, 2, Ten);

        rule.Occurrences(D(2026, 1, 1), D(2027, 12, 31)).ShouldAllBe(d => !rule.FallsOnBankHoliday(d, Calendar));
    }

    [Fact]
    public void Asking_about_a_date_that_is_not_a_meeting_of_the_rule_is_an_error()
    {
        var rule = new MeetingRecurrence(DayOfWeek.Tuesday, 2, Ten);

        Should.Throw<ArgumentException>(() => rule.FallsOnBankHoliday(D(2026, 12, 25), Calendar));
        Should.Throw<ArgumentException>(() => rule.FallsOnBankHoliday(D(2026, 12, 15), Calendar));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-2)]
    public void Only_the_first_to_fourth_or_the_last_weekday_can_be_chosen(int nth)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new MeetingRecurrence(DayOfWeek.Tuesday, nth, Ten)).ParamName.ShouldBe("nthInMonth");
    }

    [Fact]
    public void The_start_time_is_to_the_minute_and_the_weekday_must_exist()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new MeetingRecurrence(DayOfWeek.Tuesday, 2, new TimeOnly(10, 0, 30))).ParamName.ShouldBe("startTime");
        Should.Throw<ArgumentOutOfRangeException>(() => new MeetingRecurrence((DayOfWeek)7, 2, Ten)).ParamName.ShouldBe("weekday");
    }

    [Fact]
    public void A_range_ending_before_it_starts_is_an_error()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new MeetingRecurrence(DayOfWeek.Tuesday, 2, Ten).Occurrences(D(2026, 2, 1), D(2026, 1, 1)));
    }

    [Fact]
    public void Two_rules_with_the_same_day_and_time_are_equal()
    {
        new MeetingRecurrence(DayOfWeek.Tuesday, 2, Ten).ShouldBe(new MeetingRecurrence(DayOfWeek.Tuesday, 2, new TimeOnly(10, 0)));
        new MeetingRecurrence(DayOfWeek.Tuesday, 2, Ten).ShouldNotBe(new MeetingRecurrence(DayOfWeek.Tuesday, MeetingRecurrence.Last, Ten));
    }
}
