using System.ComponentModel.DataAnnotations;

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

    public Attendance Attendance { get; set; } = Attendance.Permanent;
}
