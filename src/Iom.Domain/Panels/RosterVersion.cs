using Iom.Domain.Referrals;

namespace Iom.Domain.Panels;

/// <summary>
/// A panel's membership from <see cref="EffectiveFrom"/> until the next version takes over, and the changes that made
/// it (several when more than one change took effect on the same day).
/// </summary>
public sealed record RosterVersion(
    DateOnly EffectiveFrom,
    string ChairOrganisation,
    IReadOnlyList<PanelMember> Members,
    IReadOnlyList<MembershipChange> Changes)
{
    public PanelRoster Roster(PanelCode panel, DateOnly day) => new(panel, day, ChairOrganisation, Members);
}
