using System.Globalization;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Membership;

/// <summary>
/// One dated version of a panel's roster, kept for ever so a past meeting's roster can be read: in force from
/// <see cref="RosterVersion.EffectiveFrom"/> until <see cref="EffectiveUntil"/> (exclusive; <see cref="DateOnly.MaxValue"/>
/// while it is the last). The roster of a past day is the first version, by <see cref="EffectiveUntil"/>, that ends
/// after it: one indexed query with a page of one, whatever the history.
/// </summary>
[DocumentKind("panel-roster-version")]
public sealed record PanelRosterVersion(PanelCode Panel, DateOnly EffectiveUntil, RosterVersion Version)
{
    public static string IdOf(PanelCode panel, DateOnly effectiveFrom) =>
        $"roster-{PanelDirectory.Code(panel)}-{effectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
