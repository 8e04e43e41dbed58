using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Membership;

/// <summary>
/// A panel's first roster, from configuration (panels.json): used until the panel's membership is first changed, and
/// then stored as its first version. A member whose post names them "(Chair)" holds the chair. The chair organisation
/// is the configured chair's own, else the terms of reference's (<see cref="ChairOrganisations"/>): a partnership whose
/// police are "Richmond Police" keeps a consistent roster.
/// </summary>
public sealed class PanelMembershipSeed(PanelDirectory panels)
{
    /// <summary>Who the seed's history names as having made it.</summary>
    public const string ConfigurationActor = "configuration";

    public PanelMembership For(PanelCode panel)
    {
        var members = (panels.Find(panel)?.Members ?? []).Select(m => new PanelMember(
            m.ObjectId.Trim(), m.Name, m.Organisation, m.Post, m.Email, m.Attendance,
            m.Post.Contains("(Chair)", StringComparison.OrdinalIgnoreCase) ? PanelSeat.Chair : PanelSeat.Member,
            SeniorRepresentative: false)).ToList();
        var chair = members.FirstOrDefault(m => m.Seat == PanelSeat.Chair)?.Organisation ?? ChairOrganisations.Default(panel);
        return PanelMembership.Seed(panel, chair, members, ConfigurationActor, DateTimeOffset.UnixEpoch);
    }
}
