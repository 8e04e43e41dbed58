namespace Iom.Application.Referrals.Submit;

public sealed record PersonInput
{
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? DateOfBirth { get; init; }
    [System.ComponentModel.Description("The person's gender as recorded: male, female, non-binary or not-stated, or its label (Male, Female, Non-binary, Not stated); "
        + "case and spacing ignored, stored as the code. Anything else is refused (400, naming person.gender).")]
    public string? Gender { get; init; }
    [System.ComponentModel.Description("The person's self-defined ethnicity, optional: one of the police 18+1 codes (A1 A2 A3 A4 A9 B1 B2 B9 M1 M2 M3 M9 O2 O9 W1 W2 W3 W4 W9, "
        + "or NS for not stated), or its 2021 census label (\"White: Irish\") or category (\"Irish\"); case and spacing ignored, stored as the code. "
        + "Anything else is refused (400, naming person.ethnicity).")]
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
