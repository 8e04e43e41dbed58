using Iom.Domain.Calendar;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Membership;

/// <summary>
/// The panels a person sits on today, from the stored rosters: loaded once per request, before the object rules run
/// (they are synchronous), with one point read whatever the history. Not cached, so a removal takes effect at the
/// next request.
/// </summary>
public sealed class PanelSeats(PanelMembershipStore store, TimeProvider time)
{
    public async Task<IReadOnlySet<PanelCode>> OfAsync(string objectId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(objectId))
        {
            return new HashSet<PanelCode>();
        }

        var today = LondonTime.LondonDate(time.GetUtcNow());
        var memberships = await store.ReadAsync(cancellationToken);
        return Enum.GetValues<PanelCode>()
            .Where(panel => memberships.Of(panel).On(today)?.Find(objectId) is not null)
            .ToHashSet();
    }
}
