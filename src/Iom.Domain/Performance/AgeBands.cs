using Iom.Domain.Referrals;

namespace Iom.Domain.Performance;

/// <summary>The age bands of the cohort profile (domain.md: cohort profile by age band).</summary>
public static class AgeBands
{
    public static IReadOnlyList<string> All { get; } = ["under-18", "18-24", "25-34", "35-44", "45-54", "55-and-over"];

    /// <summary>The ages at which a person moves into the next band.</summary>
    public static IReadOnlyList<int> Boundaries { get; } = [18, 25, 35, 45, 55];

    /// <summary>The band of someone born on <paramref name="dateOfBirth"/> on <paramref name="day"/>; null when unknowable (no date of birth, or one after the day).</summary>
    public static string? On(DateOnly? dateOfBirth, DateOnly day)
    {
        if (dateOfBirth is not { } born || born > day)
        {
            return null;
        }

        return Age.On(born, day) switch
        {
            < 18 => "under-18",
            < 25 => "18-24",
            < 35 => "25-34",
            < 45 => "35-44",
            < 55 => "45-54",
            _ => "55-and-over",
        };
    }
}
