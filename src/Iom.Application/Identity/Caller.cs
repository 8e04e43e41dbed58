namespace Iom.Application.Identity;

/// <summary>Who is calling: from App Service Authentication's X-MS-CLIENT-PRINCIPAL in Azure.</summary>
/// <param name="UserId">A stable id for the user (the object id claim, else the e-mail).</param>
/// <param name="Agency">The caller's agency code, from the "agency" claim; null when the token has none.</param>
public sealed record Caller(string UserId, string? Name, string? Email, string? Agency, IReadOnlySet<string> Roles)
{
    public bool IsIn(string role) => Roles.Contains(role);
}

/// <summary>The application roles (app roles in Entra ID).</summary>
public static class Roles
{
    public const string Referrer = "iom.referrer";
    public const string Coordinator = "iom.coordinator";
    public const string PanelMember = "iom.panel-member";
    public const string PrisonLink = "iom.prison-link";
    public const string Analyst = "iom.analyst";
    public const string Councillor = "iom.councillor";
    public const string Prosecutor = "iom.prosecutor";
    public const string Auditor = "iom.auditor";

    public static IReadOnlyList<string> All { get; } =
        [Referrer, Coordinator, PanelMember, PrisonLink, Analyst, Councillor, Prosecutor, Auditor];
}
