using Iom.Domain.Calendar;
using Iom.Domain.Panels;

namespace Iom.Domain.Tests.Panels;

public sealed class CirculationDatesTests
{
    private static readonly WorkingDayCalendar Calendar = new();

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Papers_for_an_ordinary_meeting_go_out_a_working_week_before_and_minutes_a_working_week_after()
    {
        CirculationDates.AgendaDue(D(2026, 11, 10), Calendar).ShouldBe(D(2026, 11, 3));
        CirculationDates.MinutesDue(D(2026, 11, 10), Calendar).ShouldBe(D(2026, 11, 17));
    }

    [Fact]
    public void Over_christmas_the_bank_holidays_are_skipped_both_ways()
    {
        // Meeting Tue 29 Dec 2026: back over 28 and 25 Dec; minutes forward over 1 Jan 2027.
        CirculationDates.AgendaDue(D(2026, 12, 29), Calendar).ShouldBe(D(2026, 12, 18));
        CirculationDates.MinutesDue(D(2026, 12, 29), Calendar).ShouldBe(D(2027, 1, 6));
        // Meeting Tue 12 Jan 2027: the agenda is due back across the weekend only.
        CirculationDates.AgendaDue(D(2027, 1, 12), Calendar).ShouldBe(D(2027, 1, 5));
    }

    [Fact]
    public void Over_easter_2026_minutes_are_due_after_good_friday_and_easter_monday()
    {
        // Meeting Tue 31 Mar 2026: 1, 2, 7, 8, 9 Apr (3 and 6 Apr are bank holidays).
        CirculationDates.MinutesDue(D(2026, 3, 31), Calendar).ShouldBe(D(2026, 4, 9));
        // Meeting Tue 14 Apr 2026: 13, 10, 9, 8, 7 Apr.
        CirculationDates.AgendaDue(D(2026, 4, 14), Calendar).ShouldBe(D(2026, 4, 7));
    }

    [Fact]
    public void The_rules_are_five_working_days_each_way()
    {
        CirculationDates.AgendaWorkingDaysBefore.ShouldBe(5);
        CirculationDates.MinutesWorkingDaysAfter.ShouldBe(5);
        Calendar.WorkingDaysBetween(CirculationDates.AgendaDue(D(2027, 5, 4), Calendar), D(2027, 5, 4)).ShouldBe(5);
        Calendar.WorkingDaysBetween(D(2027, 5, 4), CirculationDates.MinutesDue(D(2027, 5, 4), Calendar)).ShouldBe(5);
    }
}
