using Iom.Application.Api;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Membership;

/// <summary>A panel's roster as it stood on <see cref="Day"/>, and who made that version of it.</summary>
/// <param name="EffectiveFrom">When this version took effect; null for the configured roster, in force from the start.</param>
public sealed record PanelMembersView(
    PanelCode Panel,
    DateOnly Day,
    DateOnly? EffectiveFrom,
    string ChairOrganisation,
    IReadOnlyList<PanelMembersView.MemberView> Members,
    IReadOnlyList<PanelMembersView.ChangeView> Changes) : IApiResponse
{
    public static PanelMembersView Of(PanelCode panel, DateOnly day, RosterVersion version) => new(
        panel,
        day,
        version.EffectiveFrom == DateOnly.MinValue ? null : version.EffectiveFrom,
        version.ChairOrganisation,
        [.. version.Members.Select(m => new MemberView(m.MemberId, m.Name, m.Organisation, m.Post, m.Email, m.Attendance, m.Seat, m.SeniorRepresentative))],
        [.. version.Changes.Select(c => new ChangeView(c.Kind, c.MemberId, c.ChangedBy, c.ChangedAt))]);

    public sealed record MemberView(
        string MemberId,
        string Name,
        string Organisation,
        string Post,
        string Email,
        MemberAttendance Attendance,
        PanelSeat Seat,
        bool SeniorRepresentative);

    /// <param name="ChangedBy">The co-ordinator's Entra object id ("configuration" for the configured roster).</param>
    public sealed record ChangeView(MembershipChangeKind Change, string? MemberId, string ChangedBy, DateTimeOffset ChangedAt);
}
