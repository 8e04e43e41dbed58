using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Iom.Domain.Performance;

/// <summary>
/// A period measures are rolled up over, named as the strategic group and the API name it: <c>2026-11</c>,
/// <c>2026-Q3</c> (calendar quarters), <c>FY2026-27</c> (April to March). Dates are London calendar dates; a period
/// runs from <see cref="Start"/> up to but not including <see cref="End"/>.
/// </summary>
public sealed partial record ReportingPeriod
{
    private ReportingPeriod(ReportingPeriodKind kind, DateOnly start, DateOnly end, string name)
    {
        Kind = kind;
        Start = start;
        End = end;
        Name = name;
    }

    public ReportingPeriodKind Kind { get; }

    /// <summary>The first day of the period.</summary>
    public DateOnly Start { get; }

    /// <summary>The day after the last day of the period.</summary>
    public DateOnly End { get; }

    /// <summary>The period's name on the wire and in document ids.</summary>
    public string Name { get; }

    /// <summary>The last day of the period.</summary>
    public DateOnly LastDay => End.AddDays(-1);

    public static ReportingPeriod Month(int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        return new(ReportingPeriodKind.Month, start, start.AddMonths(1), string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}"));
    }

    public static ReportingPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var start = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        return new(ReportingPeriodKind.Quarter, start, start.AddMonths(3), string.Create(CultureInfo.InvariantCulture, $"{year:D4}-Q{quarter}"));
    }

    /// <param name="startYear">The calendar year the financial year starts in (2026 for FY2026-27).</param>
    public static ReportingPeriod FinancialYear(int startYear)
    {
        var start = new DateOnly(startYear, 4, 1);
        return new(ReportingPeriodKind.FinancialYear, start, start.AddYears(1), string.Create(CultureInfo.InvariantCulture, $"FY{startYear:D4}-{(startYear + 1) % 100:D2}"));
    }

    /// <summary>The month, quarter and financial year a day falls in, in that order.</summary>
    public static IReadOnlyList<ReportingPeriod> Containing(DateOnly day) =>
        [Month(day.Year, day.Month), Quarter(day.Year, ((day.Month - 1) / 3) + 1), FinancialYear(day.Month >= 4 ? day.Year : day.Year - 1)];

    public bool Contains(DateOnly day) => day >= Start && day < End;

    /// <summary>Whether the period has ended by <paramref name="today"/>: its figures are final (until late data arrives).</summary>
    public bool IsComplete(DateOnly today) => today >= End;

    /// <summary>The months the period is made of, earliest first.</summary>
    public IEnumerable<ReportingPeriod> Months()
    {
        for (var month = Start; month < End; month = month.AddMonths(1))
        {
            yield return Month(month.Year, month.Month);
        }
    }

    /// <summary>
    /// The month <paramref name="months"/> after this one (before it when negative), across year ends: 2026-01 plus
    /// -1 is 2025-12. Only a month has a month after it; a quarter or financial year is refused.
    /// </summary>
    public ReportingPeriod Plus(int months)
    {
        if (Kind != ReportingPeriodKind.Month)
        {
            throw new InvalidOperationException($"{Name} is not a month: only a month is moved by months.");
        }

        var start = Start.AddMonths(months);
        return Month(start.Year, start.Month);
    }

    /// <summary>The <paramref name="count"/> months before this one, latest first: 2026-01's two are 2025-12, 2025-11.</summary>
    public IReadOnlyList<ReportingPeriod> MonthsBefore(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return [.. Enumerable.Range(1, count).Select(i => Plus(-i))];
    }

    /// <summary>Reads a period name; anything else (another spelling, an impossible month) is false.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out ReportingPeriod? period)
    {
        period = null;
        if (name is null || name.Length > 9)
        {
            return false;
        }

        var match = Pattern().Match(name);
        if (!match.Success)
        {
            return false;
        }

        if (match.Groups["fy"].Success)
        {
            var startYear = int.Parse(match.Groups["fy"].ValueSpan, CultureInfo.InvariantCulture);
            var endYear = int.Parse(match.Groups["fyEnd"].ValueSpan, CultureInfo.InvariantCulture);
            if (startYear is < 2000 or > 9998 || (startYear + 1) % 100 != endYear)
            {
                return false;
            }

            period = FinancialYear(startYear);
            return true;
        }

        var year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 9999)
        {
            return false;
        }

        if (match.Groups["quarter"].Success)
        {
            period = Quarter(year, match.Groups["quarter"].ValueSpan[0] - '0');
            return true;
        }

        var month = int.Parse(match.Groups["month"].ValueSpan, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            return false;
        }

        period = Month(year, month);
        return true;
    }

    public override string ToString() => Name;

    [GeneratedRegex(@"^(?:FY(?<fy>\d{4})-(?<fyEnd>\d{2})|(?<year>\d{4})-(?:Q(?<quarter>[1-4])|(?<month>\d{2})))\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
