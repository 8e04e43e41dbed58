using System.Globalization;
using Cronos;
using Iom.Domain.Calendar;

namespace Iom.Domain.Panels;

/// <summary>
/// A panel's monthly meeting rule, e.g. the 2nd Tuesday at 10:00 or the last Monday at 14:00 (London time).
/// </summary>
/// <remarks>
/// Occurrences are never moved: a meeting that falls on a bank holiday stays on it, and
/// <see cref="FallsOnBankHoliday"/> tells the co-ordinator so they can move that one meeting by hand. Moving it
/// automatically could silently shift referral cutoffs and circulation dates.
/// </remarks>
public sealed record MeetingRecurrence
{
    /// <summary>The value of <see cref="NthInMonth"/> meaning the last such weekday of the month.</summary>
    public const int Last = -1;

    /// <summary>A meeting on the <paramref name="nthInMonth"/>-th <paramref name="weekday"/> of every month.</summary>
    /// <param name="weekday">The day of the week.</param>
    /// <param name="nthInMonth">1 to 4, or <see cref="Last"/>. (A 5th weekday is not in every month.)</param>
    /// <param name="startTime">The London wall-clock start, to the minute.</param>
    /// <exception cref="ArgumentOutOfRangeException">Any argument outside those ranges.</exception>
    public MeetingRecurrence(DayOfWeek weekday, int nthInMonth, TimeOnly startTime)
    {
        if (!Enum.IsDefined(weekday))
        {
            throw new ArgumentOutOfRangeException(nameof(weekday), weekday, "Not a day of the week");
        }

        if (nthInMonth is not (>= 1 and <= 4 or Last))
        {
            throw new ArgumentOutOfRangeException(nameof(nthInMonth), nthInMonth, "Must be 1 to 4, or -1 for the last in the month");
        }

        if (startTime != new TimeOnly(startTime.Hour, startTime.Minute))
        {
            throw new ArgumentOutOfRangeException(nameof(startTime), startTime, "A meeting starts on a whole minute");
        }

        Weekday = weekday;
        NthInMonth = nthInMonth;
        StartTime = startTime;
    }

    public DayOfWeek Weekday { get; }

    /// <summary>1 to 4, or <see cref="Last"/>.</summary>
    public int NthInMonth { get; }

    /// <summary>London wall-clock time.</summary>
    public TimeOnly StartTime { get; }

    /// <summary>The meeting dates from <paramref name="fromInclusive"/> to <paramref name="toInclusive"/>, in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toInclusive"/> is before <paramref name="fromInclusive"/>.</exception>
    public IEnumerable<DateOnly> Occurrences(DateOnly fromInclusive, DateOnly toInclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(toInclusive, fromInclusive);

        // Evaluated on the wall clock (UTC has no daylight saving) because only dates are wanted: which day is the
        // 2nd Tuesday does not depend on the zone, and the London instant of StartTime on that day is the caller's.
        return ToCron().GetOccurrences(
                fromInclusive.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                toInclusive.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc),
                fromInclusive: true,
                toInclusive: true)
            .Select(DateOnly.FromDateTime);
    }

    /// <summary>
    /// Whether an occurrence of this rule is an England-and-Wales bank holiday, so the co-ordinator can be told
    /// (e.g. the last Monday of August is always the summer bank holiday).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="occurrence"/> is not a date of this rule.</exception>
    public bool FallsOnBankHoliday(DateOnly occurrence, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!Occurrences(occurrence, occurrence).Any())
        {
            throw new ArgumentException($"{occurrence:yyyy-MM-dd} is not a meeting date of {this}", nameof(occurrence));
        }

        return calendar.IsBankHoliday(occurrence);
    }

    // Cronos numbers the days of the week as DayOfWeek does (0 = Sunday) and supports "#n" (nth) and "L" (last) in
    // that field: "0 10 * * 2#2" is the 2nd Tuesday at 10:00, "0 14 * * 1L" the last Monday at 14:00.
    private CronExpression ToCron() => CronExpression.Parse(
        string.Create(CultureInfo.InvariantCulture, $"{StartTime.Minute} {StartTime.Hour} * * {(int)Weekday}{(NthInMonth == Last ? "L" : $"#{NthInMonth}")}"));
}
