using Iom.Application.Api;
using Iom.Domain.Wards;

namespace Iom.Application.Wards.List;

/// <summary>
/// The configured wards (<c>GET /api/wards</c>): configuration, the same for every caller and holding no personal
/// data, so nothing is read from the store and nothing is audited.
/// </summary>
/// <param name="Wards">Every ward in the configured order, retired ones included (they still name old records and rollup cells).</param>
public sealed record WardListView(IReadOnlyList<WardListView.WardItem> Wards) : IApiResponse
{
    public static WardListView Of(WardList wards)
    {
        ArgumentNullException.ThrowIfNull(wards);
        return new([.. wards.All.Select(w => new WardItem(w.Code, w.Name, w.Retired))]);
    }

    /// <param name="Code">The ONS (GSS) ward code: what referrals store and rollups are keyed by.</param>
    /// <param name="Name">The ward's name.</param>
    /// <param name="Retired">True for a ward abolished by a boundary review: not accepted on a new referral.</param>
    public sealed record WardItem(string Code, string Name, bool Retired);
}
