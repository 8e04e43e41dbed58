using System.Globalization;
using Iom.Domain.Calendar;
using Iom.Domain.Tests.Fixtures;

namespace Iom.Domain.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = new();

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Every_england_and_wales_date_in_the_govuk_fixture_is_a_non_working_day_and_no_other_weekday_of_2015_to_2021_is()
    {
        // Read the fixture directly (not through GovUkBankHolidays) so this checks the computed rules on their own.
        using var json = Fixture.Json("govuk-bank-holidays-2015-2021.json");
        var published = json.RootElement.GetProperty("divisions").GetProperty("england-and-wales").EnumerateObject()
            .Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Array)
            .SelectMany(p => p.Value.EnumerateArray())
            .Select(e => DateOnly.ParseExact(e.GetProperty("date").GetString()!, "dd/MM/yyyy", CultureInfo.InvariantCulture))
            .ToHashSet();
        published.Count.ShouldBe(56);

        var wrong = new List<string>();
        for (var day = D(2015, 1, 1); day <= D(2021, 12, 31); day = day.AddDays(1))
        {
            var expected = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !published.Contains(day);
            if (Calendar.IsWorkingDay(day) != expected)
            {
                wrong.Add($"{day:ddd yyyy-MM-dd} should {(expected ? "" : "not ")}be a working day");
            }
        }

        wrong.ShouldBeEmpty();
        Enumerable.Range(2015, 7).SelectMany(Calendar.BankHolidays).ShouldBe(published.Order());
    }

    [Fact]
    public void The_2026_bank_holidays_are_the_published_ones()
    {
        Calendar.BankHolidays(2026).ShouldBe([D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4), D(2026, 5, 25), D(2026, 8, 31), D(2026, 12, 25), D(2026, 12, 28)]);
    }

    [Fact]
    public void The_2027_bank_holidays_are_the_published_ones_with_christmas_and_boxing_day_substitutes()
    {
        Calendar.BankHolidays(2027).ShouldBe([D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3), D(2027, 5, 31), D(2027, 8, 30), D(2027, 12, 27), D(2027, 12, 28)]);
        Calendar.IsWorkingDay(D(2027, 12, 27)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2027, 12, 29)).ShouldBeTrue();
    }

    [Fact]
    public void In_2020_the_early_may_holiday_moved_to_ve_day_friday_8_may()
    {
        Calendar.IsWorkingDay(D(2020, 5, 8)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2020, 5, 4)).ShouldBeTrue();
    }

    [Fact]
    public void In_2022_the_spring_holiday_moved_to_thursday_2_june_with_friday_3_june_and_monday_19_september_added()
    {
        Calendar.IsWorkingDay(D(2022, 6, 2)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2022, 6, 3)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2022, 9, 19)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2022, 5, 30)).ShouldBeTrue();
        Calendar.BankHolidays(2022).Count.ShouldBe(10);
    }

    [Fact]
    public void In_2023_monday_8_may_was_added_for_the_coronation_beside_the_usual_early_may_holiday()
    {
        Calendar.IsWorkingDay(D(2023, 5, 8)).ShouldBeFalse();
        Calendar.IsWorkingDay(D(2023, 5, 1)).ShouldBeFalse();
        Calendar.BankHolidays(2023).Count.ShouldBe(9);
    }

    [Fact]
    public void Library_omission_the_1999_millennium_holiday_is_corrected()
    {
        Calendar.IsBankHoliday(D(1999, 12, 31)).ShouldBeTrue();
        Calendar.IsWorkingDay(D(1999, 12, 31)).ShouldBeFalse();
    }

    [Fact]
    public void A_referral_on_monday_14_december_2026_is_in_time_for_12_january_2027_but_not_for_29_december_2026()
    {
        var submitted = D(2026, 12, 14);

        // Dec 15-18 (4), 21-24 (4), then 25 and 28 Dec are bank holidays, 29 Dec (1): 9 working days.
        Calendar.WorkingDaysBetween(submitted, D(2026, 12, 29)).ShouldBe(9);
        Calendar.AddWorkingDays(D(2026, 12, 29), -10).ShouldBe(D(2026, 12, 11));
        (submitted <= Calendar.AddWorkingDays(D(2026, 12, 29), -10)).ShouldBeFalse();

        // ... plus 30, 31 Dec (2), 1 Jan 2027 is a bank holiday, Jan 4-8 (5), 11-12 (2): 18 working days.
        Calendar.WorkingDaysBetween(submitted, D(2027, 1, 12)).ShouldBe(18);
        Calendar.AddWorkingDays(D(2027, 1, 12), -10).ShouldBe(D(2026, 12, 24));
        (submitted <= Calendar.AddWorkingDays(D(2027, 1, 12), -10)).ShouldBeTrue();
    }

    [Fact]
    public void Adding_working_days_never_counts_the_start_and_skips_weekends_and_bank_holidays()
    {
        Calendar.AddWorkingDays(D(2026, 11, 20), 1).ShouldBe(D(2026, 11, 23)); // Fri + 1 = Mon
        Calendar.AddWorkingDays(D(2026, 11, 21), 1).ShouldBe(D(2026, 11, 23)); // Sat + 1 = Mon
        Calendar.AddWorkingDays(D(2026, 12, 24), 1).ShouldBe(D(2026, 12, 29));
        Calendar.AddWorkingDays(D(2026, 12, 24), 5).ShouldBe(D(2027, 1, 5));
        Calendar.AddWorkingDays(D(2026, 11, 23), -1).ShouldBe(D(2026, 11, 20)); // Mon - 1 = Fri
        Calendar.AddWorkingDays(D(2026, 11, 22), -1).ShouldBe(D(2026, 11, 20)); // Sun - 1 = Fri
        Calendar.AddWorkingDays(D(2027, 1, 4), -1).ShouldBe(D(2026, 12, 31));
        Calendar.AddWorkingDays(D(2026, 12, 26), 0).ShouldBe(D(2026, 12, 26));
    }

    [Fact]
    public void Working_days_between_counts_after_from_up_to_and_including_to()
    {
        Calendar.WorkingDaysBetween(D(2026, 11, 23), D(2026, 11, 23)).ShouldBe(0);
        Calendar.WorkingDaysBetween(D(2026, 11, 23), D(2026, 11, 24)).ShouldBe(1); // Mon -> Tue
        Calendar.WorkingDaysBetween(D(2026, 11, 20), D(2026, 11, 22)).ShouldBe(0); // Fri -> Sun
        Calendar.WorkingDaysBetween(D(2026, 11, 21), D(2026, 11, 23)).ShouldBe(1); // Sat -> Mon
        Calendar.WorkingDaysBetween(D(2026, 11, 24), D(2026, 11, 23)).ShouldBe(-1);
        Calendar.WorkingDaysBetween(D(2026, 12, 24), D(2026, 12, 28)).ShouldBe(0);
    }

    [Fact]
    public void Working_days_between_agrees_with_counting_day_by_day_across_the_new_year_and_many_years()
    {
        var days = Enumerable.Range(0, 45).Select(i => D(2026, 12, 1).AddDays(i)).ToList();
        foreach (var from in days)
        {
            foreach (var to in days)
            {
                Calendar.WorkingDaysBetween(from, to).ShouldBe(CountDayByDay(from, to), $"{from} -> {to}");
            }
        }

        Calendar.WorkingDaysBetween(D(2014, 12, 31), D(2021, 12, 31)).ShouldBe(CountDayByDay(D(2014, 12, 31), D(2021, 12, 31)));
    }

    [Fact]
    public void Adding_then_counting_working_days_gives_back_the_same_number()
    {
        for (var day = D(2026, 12, 1); day <= D(2027, 1, 15); day = day.AddDays(1))
        {
            foreach (var n in new[] { 1, 5, 10, 20 })
            {
                Calendar.WorkingDaysBetween(day, Calendar.AddWorkingDays(day, n)).ShouldBe(n, $"{day} + {n}");
                Calendar.IsWorkingDay(Calendar.AddWorkingDays(day, -n)).ShouldBeTrue();
                if (Calendar.IsWorkingDay(day))
                {
                    Calendar.WorkingDaysBetween(Calendar.AddWorkingDays(day, -n), day).ShouldBe(n, $"{day} - {n}");
                }
            }
        }
    }

    [Fact]
    public void The_next_working_day_on_or_after_a_working_day_is_itself_and_after_christmas_is_the_tuesday()
    {
        Calendar.NextWorkingDayOnOrAfter(D(2026, 11, 24)).ShouldBe(D(2026, 11, 24));
        Calendar.NextWorkingDayOnOrAfter(D(2026, 11, 21)).ShouldBe(D(2026, 11, 23));
        Calendar.NextWorkingDayOnOrAfter(D(2026, 12, 25)).ShouldBe(D(2026, 12, 29));
        Calendar.NextWorkingDayOnOrAfter(D(2026, 12, 31)).ShouldBe(D(2026, 12, 31));
        Calendar.NextWorkingDayOnOrAfter(D(2027, 1, 1)).ShouldBe(D(2027, 1, 4));
    }

    private static int CountDayByDay(DateOnly from, DateOnly to)
    {
        var (low, high, sign) = from <= to ? (from, to, 1) : (to, from, -1);
        var count = 0;
        for (var day = low.AddDays(1); day <= high; day = day.AddDays(1))
        {
            count += Calendar.IsWorkingDay(day) ? 1 : 0;
        }

        return sign * count;
    }
}
