namespace Iom.Domain.Referrals;

/// <summary>Who is referred, as the referral recorded them (identifiers in canonical form).</summary>
public sealed record PersonDetails(
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    string Gender,
    string? Ethnicity,
    string? PncId,
    string? CroNumber,
    string? PrisonNumber,
    string? Crn,
    string? Postcode,
    string? Ward);
