using System.ComponentModel.DataAnnotations;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;
using Microsoft.Extensions.Options;

namespace Iom.Application.Panels;

public enum Attendance
{
    /// <summary>Attends every meeting (P in the Richmond model).</summary>
    Permanent,

    /// <summary>Attends as required (AAR).</summary>
    AsRequired,
}

public sealed class PanelMemberOptions
{
    [Required] public string Name { get; set; } = "";
    [Required] public string Organisation { get; set; } = "";
    [Required] public string Post { get; set; } = "";
    /// <summary>Where the member's agendas and minutes are sent; not who they are (see <see cref="ObjectId"/>).</summary>
    [Required, EmailAddress] public string Email { get; set; } = "";

    /// <summary>The member's Entra object id (<c>oid</c>): what sitting on the panel is decided by.</summary>
    [Required] public string ObjectId { get; set; } = "";

    public Attendance Attendance { get; set; } = Attendance.Permanent;
}

public sealed class PanelOptions
{
    [Required] public string Name { get; set; } = "";

    /// <summary>The co-ordinator (the ASB officer for the ASB panel): told at once of emergency referrals.</summary>
    [Required, EmailAddress] public string CoordinatorEmail { get; set; } = "";

    /// <summary>The co-ordinator's Entra object id, if they are to reach the panel as a panel member too.</summary>
    public string? CoordinatorObjectId { get; set; }

    public List<PanelMemberOptions> Members { get; set; } = [];

    /// <summary>Entra group object ids whose members sit on the panel (the principal's <c>groups</c> claims).</summary>
    public List<string> MemberGroups { get; set; } = [];
}

/// <summary>Configuration section "Panels": one entry per panel code (iom, asb, dyo, strategic-group), e.g. Panels:iom:Name.</summary>
public sealed class PanelsOptions
{
    public const string SectionName = "Panels";

    public Dictionary<string, PanelOptions> Panels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Configuration section "Referrals": the local thresholds of the intake rules.</summary>
public sealed class ReferralOptions
{
    public const string SectionName = "Referrals";

    /// <summary>DYO selection: Asset score at or over this (24 in the Richmond model).</summary>
    [Range(0, 64)] public int DyoAssetThreshold { get; set; } = 24;

    /// <summary>New referrals must reach the panel at least this many working days before the meeting (ASB rule 2.6).</summary>
    [Range(0, 60)] public int CutoffWorkingDays { get; set; } = 10;

    public EligibilityOptions Eligibility => new(DyoAssetThreshold);
}

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

/// <summary>Refuses to start when a referral panel is missing from configuration.</summary>
public sealed class PanelsOptionsValidator : IValidateOptions<PanelsOptions>
{
    public ValidateOptionsResult Validate(string? name, PanelsOptions options)
    {
        var missing = new[] { PanelCode.Iom, PanelCode.Asb, PanelCode.Dyo }.Select(PanelDirectory.Code)
            .Where(code => !options.Panels.ContainsKey(code)).ToList();
        var invalid = options.Panels.Where(p => string.IsNullOrWhiteSpace(p.Value.CoordinatorEmail) || string.IsNullOrWhiteSpace(p.Value.Name))
            .Select(p => p.Key).ToList();
        // A member without an object id could never be recognised; say so at start-up rather than deny them silently.
        var unidentified = options.Panels.Where(p => p.Value.Members.Any(m => string.IsNullOrWhiteSpace(m.ObjectId)))
            .Select(p => p.Key).ToList();
        return (missing.Count, invalid.Count, unidentified.Count) switch
        {
            (0, 0, 0) => ValidateOptionsResult.Success,
            _ => ValidateOptionsResult.Fail(
                $"Panels: missing {string.Join(", ", missing)}; without name or co-ordinator e-mail: {string.Join(", ", invalid)}; " +
                $"with a member without an object id (ObjectId): {string.Join(", ", unidentified)}."),
        };
    }
}
