using Iom.Domain.Referrals;
using Iom.Domain.Vocabularies;
using Iom.Domain.Wards;

namespace Iom.Domain.Performance.Facts;

/// <summary>
/// The profile breakdowns of a cohort member, as their referral recorded them. Held in a fact only to be counted:
/// rollups carry the bands and codes, never the person.
/// </summary>
/// <param name="Gender">The gender as recorded; kept only as a code of <see cref="PersonVocabularies.Gender"/>.</param>
/// <param name="Ethnicity">The ethnicity as recorded; kept only as a code of <see cref="PersonVocabularies.Ethnicity"/>.</param>
/// <param name="Ward">The ward's ONS code; null when not recorded, or when the referral still holds free text (from before
/// wards were codes, until the mapping turns it into one): free text is never a cell's key, where a councillor could
/// read whatever was typed.</param>
public sealed record PersonProfile(DateOnly? DateOfBirth, string? Gender, string? Ethnicity, string? Ward)
{
    // Here rather than in Of, so no way of making a profile (a stored fact read back included) lets free text through:
    // a label stored before values were codes counts as its code, anything else as unknown.
    public string? Gender { get; } = PersonVocabularies.Gender.Resolve(Gender)?.Code;

    public string? Ethnicity { get; } = PersonVocabularies.Ethnicity.Resolve(Ethnicity)?.Code;

    public static PersonProfile Unknown { get; } = new(null, null, null, null);

    public static PersonProfile Of(PersonDetails person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var ward = Blank(person.Ward)?.ToUpperInvariant();
        return new PersonProfile(person.DateOfBirth, person.Gender, person.Ethnicity, WardList.IsCode(ward) ? ward : null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
