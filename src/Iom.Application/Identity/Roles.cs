namespace Iom.Application.Identity;

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
