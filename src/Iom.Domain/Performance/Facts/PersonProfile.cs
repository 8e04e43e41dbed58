using Iom.Domain.Referrals;

namespace Iom.Domain.Performance.Facts;

/// <summary>
/// The profile breakdowns of a cohort member, as their referral recorded them. Held in a fact only to be counted:
/// rollups carry the bands and codes, never the person.
/// </summary>
/// <param name="Ward">The ward (an ONS code once referrals hold codes); null when not recorded.</param>
public sealed record PersonProfile(DateOnly? DateOfBirth, string? Gender, string? Ethnicity, string? Ward)
{
    public static PersonProfile Unknown { get; } = new(null, null, null, null);

    public static PersonProfile Of(PersonDetails person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new PersonProfile(person.DateOfBirth, Blank(person.Gender), Blank(person.Ethnicity), Blank(person.Ward));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
