using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;
using Microsoft.Extensions.Options;

namespace Iom.Application.Panels;

/// <summary>The configured panels, by code, and who sits on them.</summary>
public sealed class PanelDirectory(IOptions<PanelsOptions> options)
{
    private readonly Dictionary<string, PanelOptions> panels = options.Value.Panels;

    public PanelOptions? Find(PanelCode panel) => panels.GetValueOrDefault(Code(panel));

    public PanelOptions Get(PanelCode panel) =>
        Find(panel) ?? throw new InvalidOperationException($"Panel '{Code(panel)}' is not configured (section Panels:{Code(panel)}).");

    public static RefusalException NotFound() => new(RefusalKind.NotFound, "not-found", "There is no such panel.");

    /// <summary>
    /// True when the caller holds a seat on the panel today by the stored rosters (<see cref="Caller.SeatedPanels"/>,
    /// by object id), is the panel's configured co-ordinator (by object id), or is in one of its configured Entra groups.
    /// Never by e-mail: Entra lets a user's e-mail and user name change, the object id not. The co-ordinator and the
    /// groups stay configuration: they say who runs the panel and which directory groups are given it, not who the
    /// panel's members are.
    /// </summary>
    public bool SitsOn(PanelCode panel, Caller caller) =>
        !string.IsNullOrWhiteSpace(caller.UserId)
        && (caller.SeatedPanels.Contains(panel)
            || (Find(panel) is { } p
                && (string.Equals(p.CoordinatorObjectId, caller.UserId, StringComparison.OrdinalIgnoreCase)
                    || p.MemberGroups.Any(g => caller.Groups.Contains(g)))));

    /// <summary>The panel's code in routes, configuration sections and partition keys: its wire name.</summary>
    public static string Code(PanelCode panel) => WireNames.Of(panel);

    public static bool TryParse(string? code, out PanelCode panel) => WireNames.TryParse(code, out panel);
}
