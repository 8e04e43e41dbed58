using Iom.Domain.Referrals;
using Iom.Domain.Wards;

namespace Iom.Domain.Performance.Facts;

/// <summary>
/// The profile breakdowns of a cohort member, as their referral recorded them. Held in a fact only to be counted:
/// rollups carry the bands and codes, never the person.
/// </summary>
/// <param name="Ward">The ward's ONS code; null when not recorded, or when the referral still holds free text (from before
/// wards were codes, until the mapping turns it into one): free text is never a cell's key, where a councillor could
/// read whatever was typed.</param>
public sealed record PersonProfile(DateOnly? DateOfBirth, string? Gender, string? Ethnicity, string? Ward)
{
    public static PersonProfile Unknown { get; } = new(null, null, null, null);

    public static PersonProfile Of(PersonDetails person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var ward = Blank(person.Ward)?.ToUpperInvariant();
        return new PersonProfile(person.DateOfBirth, Blank(person.Gender), Blank(person.Ethnicity), WardList.IsCode(ward) ? ward : null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
