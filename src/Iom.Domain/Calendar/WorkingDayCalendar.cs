using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using PublicHoliday;

namespace Iom.Domain.Calendar;

/// <summary>
/// England-and-Wales working days: Monday to Friday except bank holidays. Immutable and safe to share.
/// </summary>
/// <remarks>
/// Bank holidays come from the PublicHoliday library's <see cref="UKBankHoliday"/> (England and Wales), which was
/// checked against GOV.UK's published dates for 2015-2021 and the 2022, 2023, 2026 and 2027 lists, including the
/// substitute days and the moved or one-off days (VE day 2020, the 2022 jubilee, the 2023 coronation). The one
/// omission found is corrected below. Any year published by GOV.UK can be supplied to the constructor (see
/// <see cref="GovUkBankHolidays"/>): a supplied year replaces the computed list for that year, so a future one-off
/// holiday is added by configuration, not by a code change.
/// </remarks>
public sealed class WorkingDayCalendar
{
    // The Millennium holiday (Fri 31 Dec 1999) was proclaimed for one year only; PublicHoliday 3.17.0 leaves it out.
    private static readonly ImmutableArray<DateOnly> LibraryOmissions = [new(1999, 12, 31)];

    // Pure date arithmetic (the library's static cache is off by default), so one instance is safe across threads.
    private readonly UKBankHoliday _rules = new(UKBankHoliday.UkCountries.England);
    private readonly FrozenDictionary<int, ImmutableArray<DateOnly>> _publishedYears;
    private readonly ConcurrentDictionary<int, ImmutableArray<DateOnly>> _computedYears = new();

    /// <summary>A calendar computed from the bank-holiday rules alone.</summary>
    public WorkingDayCalendar()
        : this(new Dictionary<int, IReadOnlyList<DateOnly>>())
    {
    }

    /// <summary>A calendar in which the given years' bank holidays replace the computed ones.</summary>
    /// <param name="publishedYears">Bank holidays by year, e.g. from <see cref="GovUkBankHolidays.ParseEnglandAndWales"/>.</param>
    /// <exception cref="ArgumentException">A date is filed under a year other than its own.</exception>
    public WorkingDayCalendar(IReadOnlyDictionary<int, IReadOnlyList<DateOnly>> publishedYears)
    {
        ArgumentNullException.ThrowIfNull(publishedYears);
        foreach (var (year, dates) in publishedYears)
        {
            var misfiled = dates.Where(d => d.Year != year).ToList();
            if (misfiled.Count > 0)
            {
                throw new ArgumentException($"Bank holidays filed under {year} fall in another year: {string.Join(", ", misfiled)}", nameof(publishedYears));
            }
        }

        _publishedYears = publishedYears.ToFrozenDictionary(p => p.Key, p => p.Value.Distinct().Order().ToImmutableArray());
    }

    /// <summary>The bank holidays of a year, in date order.</summary>
    public IReadOnlyList<DateOnly> BankHolidays(int year) => HolidaysOf(year);

    /// <summary>Whether the date is an England-and-Wales bank holiday.</summary>
    public bool IsBankHoliday(DateOnly date) => HolidaysOf(date.Year).BinarySearch(date) >= 0;

    /// <summary>Whether the date is a Monday to Friday that is not a bank holiday.</summary>
    public bool IsWorkingDay(DateOnly date) => !IsWeekend(date) && !IsBankHoliday(date);

    /// <summary>The date itself when it is a working day, otherwise the first working day after it.</summary>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>
    /// Counts <paramref name="workingDays"/> working days forwards (positive) or backwards (negative) from
    /// <paramref name="date"/>, which itself is never counted. For n ≠ 0 the result is always a working day:
    /// Friday + 1 is Monday, Monday − 1 is the Friday before. For n = 0 the date is returned unchanged.
    /// </summary>
    /// <remarks>
    /// For any n ≥ 0, <c>WorkingDaysBetween(d, AddWorkingDays(d, n)) == n</c>; when <paramref name="date"/> is a
    /// working day, <c>WorkingDaysBetween(AddWorkingDays(d, -n), d) == n</c> as well. So "submitted at least 10
    /// working days before the meeting" is <c>submitted &lt;= AddWorkingDays(meeting, -10)</c>, or equivalently
    /// <c>WorkingDaysBetween(submitted, meeting) &gt;= 10</c> for a meeting held on a working day.
    /// </remarks>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        var step = Math.Sign(workingDays);
        for (var remaining = Math.Abs(workingDays); remaining > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return date;
    }

    /// <summary>
    /// The number of working days after <paramref name="from"/> up to and including <paramref name="to"/>: the
    /// working days in the half-open range (from, to]. <paramref name="from"/> is never counted, <paramref name="to"/>
    /// is counted when it is a working day. Equal dates give 0; when <paramref name="to"/> is before
    /// <paramref name="from"/> the result is minus the count of (to, from], so counts add up along the calendar:
    /// <c>Between(a, b) + Between(b, c) == Between(a, c)</c> and <c>Between(a, b) == -Between(b, a)</c>.
    /// </summary>
    /// <example>Mon 14 Dec 2026 to Tue 29 Dec 2026 is 9 (15-18, 21-24 and 29 Dec; 25 and 28 Dec are bank holidays).</example>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var holidaysOnWeekdays = 0;
        for (var year = from.Year; year <= to.Year; year++)
        {
            holidaysOnWeekdays += HolidaysOf(year).Count(d => d > from && d <= to && !IsWeekend(d));
        }

        return WeekdaysUpToAndIncluding(to) - WeekdaysUpToAndIncluding(from) - holidaysOnWeekdays;
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    // Day number 0 (1 Jan 0001) is a Monday, so whole weeks since then hold 5 weekdays each and the part week
    // holds at most 5.
    private static int WeekdaysUpToAndIncluding(DateOnly date)
    {
        var days = date.DayNumber + 1;
        return (days / 7 * 5) + Math.Min(days % 7, 5);
    }

    private ImmutableArray<DateOnly> HolidaysOf(int year) =>
        _publishedYears.TryGetValue(year, out var published) ? published : _computedYears.GetOrAdd(year, ComputeYear);

    private ImmutableArray<DateOnly> ComputeYear(int year) =>
        _rules.PublicHolidays(year)
            .Select(DateOnly.FromDateTime)
            .Concat(LibraryOmissions.Where(d => d.Year == year))
            .Distinct()
            .Order()
            .ToImmutableArray();
}
