using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Membership;

/// <summary>The rosters as stored, with their dated history: what quorum, votes, circulation and panel access are judged by.</summary>
public sealed class StoredPanelRosters(PanelMembershipStore store) : IPanelRosters
{
    public Task<PanelRoster> OnDayAsync(PanelCode panel, DateOnly day, CancellationToken cancellationToken) =>
        store.OnDayAsync(panel, day, cancellationToken);
}
