using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels;

/// <summary>Who sits on each panel, on any day: what quorum, votes, circulation and panel access are judged by.</summary>
public interface IPanelRosters
{
    /// <summary>The panel's members as they were on <paramref name="day"/> (today's for a day not yet come).</summary>
    Task<PanelRoster> OnDayAsync(PanelCode panel, DateOnly day, CancellationToken cancellationToken);
}
