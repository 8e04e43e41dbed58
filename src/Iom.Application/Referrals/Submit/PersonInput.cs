namespace Iom.Application.Referrals.Submit;

public sealed record PersonInput
{
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? DateOfBirth { get; init; }
    public string? Gender { get; init; }
    public string? Ethnicity { get; init; }
    public string? PncId { get; init; }
    public string? CroNumber { get; init; }
    public string? PrisonNumber { get; init; }
    public string? Crn { get; init; }
    public string? Postcode { get; init; }
    public string? Ward { get; init; }
}
