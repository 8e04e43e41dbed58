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
    [System.ComponentModel.Description("The ward of the local authority where the person lives, optional: its ONS ward code (E05 or W05 and six digits, "
        + "one of the partnership's configured wards), or that ward's name or a configured alias (case and spacing ignored), which is stored as its code. "
        + "Anything else is refused (400, naming person.ward).")]
    public string? Ward { get; init; }
}
