namespace Iom.Domain.Referrals;

/// <summary>Age in whole years, as the law counts it.</summary>
public static class Age
{
    /// <summary>
    /// The person's age on <paramref name="date"/>: a year is added on each birthday. Someone born on 29 February
    /// turns a year older on 1 March in a year without a 29 February (the usual England-and-Wales reading).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is before <paramref name="dateOfBirth"/>.</exception>
    public static int On(DateOnly dateOfBirth, DateOnly date)
    {
        if (date < dateOfBirth)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"The date is before the date of birth {dateOfBirth:yyyy-MM-dd}");
        }

        // Comparing (month, day) rather than adding years to the birth date is what puts a 29 February birthday on
        // 1 March: 28 February sorts before (2, 29) and 1 March after it.
        var age = date.Year - dateOfBirth.Year;
        return (date.Month, date.Day).CompareTo((dateOfBirth.Month, dateOfBirth.Day)) < 0 ? age - 1 : age;
    }
}
