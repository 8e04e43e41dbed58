using System.ComponentModel.DataAnnotations;
using Iom.Domain.Panels;

namespace Iom.Application.Panels;

public sealed class PanelMemberOptions
{
    [Required] public string Name { get; set; } = "";
    [Required] public string Organisation { get; set; } = "";
    [Required] public string Post { get; set; } = "";
    /// <summary>Where the member's agendas and minutes are sent; not who they are (see <see cref="ObjectId"/>).</summary>
    [Required, EmailAddress] public string Email { get; set; } = "";

    /// <summary>The member's Entra object id (<c>oid</c>): what sitting on the panel is decided by.</summary>
    [Required] public string ObjectId { get; set; } = "";

    /// <summary>Permanent (P) or as required (AAR); configuration names the member: Permanent, AsRequired.</summary>
    public MemberAttendance Attendance { get; set; } = MemberAttendance.Permanent;
}
