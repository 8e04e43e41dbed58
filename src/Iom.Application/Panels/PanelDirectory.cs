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
    /// True when the caller's object id is the panel's co-ordinator's or one of its members', or the caller is in one
    /// of the panel's groups. Never by e-mail: Entra lets a user's e-mail and user name change, the object id not.
    /// </summary>
    public bool SitsOn(PanelCode panel, Caller caller) =>
        Find(panel) is { } p && !string.IsNullOrWhiteSpace(caller.UserId)
        && (string.Equals(p.CoordinatorObjectId, caller.UserId, StringComparison.OrdinalIgnoreCase)
            || p.Members.Any(m => string.Equals(m.ObjectId, caller.UserId, StringComparison.OrdinalIgnoreCase))
            || p.MemberGroups.Any(g => caller.Groups.Contains(g)));

    /// <summary>The panel's code in routes, configuration sections and partition keys: its wire name.</summary>
    public static string Code(PanelCode panel) => WireNames.Of(panel);

    public static bool TryParse(string? code, out PanelCode panel) => WireNames.TryParse(code, out panel);
}
