using Iom.Domain.Referrals;

namespace Iom.Domain.Panels;

/// <summary>
/// Who sat on a panel on one day. Membership keeps dated history, so a meeting's minutes, quorum and votes are always
/// judged against the roster of the meeting's day, not today's.
/// </summary>
/// <param name="ChairOrganisation">The organisation that chairs the panel under the terms of reference (data, not code).</param>
public sealed record PanelRoster(PanelCode Panel, DateOnly Day, string ChairOrganisation, IReadOnlyList<PanelMember> Members)
{
    public PanelMember? Find(string memberId) =>
        Members.FirstOrDefault(m => string.Equals(m.MemberId, memberId, StringComparison.OrdinalIgnoreCase));
}
