namespace Iom.Application.Panels.Minutes;

public sealed record LeadProfessionalInput
{
    public string? Name { get; init; }
    public string? Agency { get; init; }
    public string? Email { get; init; }

    /// <summary>Their Entra object id, when they sign in to this system.</summary>
    public string? Oid { get; init; }
}
