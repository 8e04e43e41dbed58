using System.ComponentModel.DataAnnotations;

namespace Iom.Application.Panels;

public sealed class PanelOptions
{
    [Required] public string Name { get; set; } = "";

    /// <summary>The co-ordinator (the ASB officer for the ASB panel): told at once of emergency referrals.</summary>
    [Required, EmailAddress] public string CoordinatorEmail { get; set; } = "";

    /// <summary>The co-ordinator's Entra object id, if they are to reach the panel as a panel member too.</summary>
    public string? CoordinatorObjectId { get; set; }

    public List<PanelMemberOptions> Members { get; set; } = [];

    /// <summary>Entra group object ids whose members sit on the panel (the principal's <c>groups</c> claims).</summary>
    public List<string> MemberGroups { get; set; } = [];
}
