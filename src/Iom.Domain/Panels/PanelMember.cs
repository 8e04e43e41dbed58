namespace Iom.Domain.Panels;

/// <summary>A member of a panel as the panel stood on one day.</summary>
/// <param name="MemberId">The member's Entra object id (<c>oid</c>): who they are; never their e-mail, which can change.</param>
/// <param name="Email">Where the member's papers go; not who they are.</param>
/// <param name="SeniorRepresentative">A senior police or council representative: may act as chair when chair and vice-chair are absent.</param>
public sealed record PanelMember(
    string MemberId,
    string Name,
    string Organisation,
    string Post,
    string Email,
    MemberAttendance Attendance,
    PanelSeat Seat,
    bool SeniorRepresentative);
