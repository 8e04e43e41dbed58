using Iom.Domain.Calendar;

namespace Iom.Domain.Tests.Calendar;

public sealed class LondonTimeTests
{
    // DateTimeOffset equality compares instants only, so compare what a person would read: wall clock and offset.
    private static string London(int year, int month, int day, int hour, int minute, TimeSpan offset) =>
        LondonTime.ToLondon(new DateTimeOffset(year, month, day, hour, minute, 0, offset)).ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_same_london_wall_clock_time_happens_twice_when_bst_ends_on_25_october_2026()
    {
        // Clocks go back at 02:00 BST (01:00 UTC) to 01:00 GMT.
        London(2026, 10, 25, 0, 30, TimeSpan.Zero).ShouldBe("2026-10-25 01:30 +01:00");
        London(2026, 10, 25, 0, 59, TimeSpan.Zero).ShouldBe("2026-10-25 01:59 +01:00");
        London(2026, 10, 25, 1, 0, TimeSpan.Zero).ShouldBe("2026-10-25 01:00 +00:00");
        London(2026, 10, 25, 1, 30, TimeSpan.Zero).ShouldBe("2026-10-25 01:30 +00:00");
    }

    [Fact]
    public void London_time_is_an_hour_ahead_of_utc_only_in_summer()
    {
        London(2026, 7, 1, 12, 0, TimeSpan.Zero).ShouldBe("2026-07-01 13:00 +01:00");
        London(2026, 12, 1, 12, 0, TimeSpan.Zero).ShouldBe("2026-12-01 12:00 +00:00");
    }

    [Fact]
    public void Late_evening_utc_in_summer_is_already_the_next_day_in_london_but_not_in_winter()
    {
        LondonTime.LondonDate(new DateTimeOffset(2026, 10, 24, 23, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 10, 25));
        LondonTime.LondonDate(new DateTimeOffset(2026, 10, 25, 23, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 10, 25));
    }

    [Fact]
    public void An_instant_given_with_another_offset_is_converted_by_the_instant_not_the_wall_clock()
    {
        London(2026, 12, 31, 20, 0, TimeSpan.FromHours(-5)).ShouldBe("2027-01-01 01:00 +00:00");
        LondonTime.LondonDate(new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.FromHours(-5))).ShouldBe(new DateOnly(2027, 1, 1));
    }
}
