namespace Iom.Application.Panels;

/// <summary>Configuration section "Panels": one entry per panel code (iom, asb, dyo, strategic-group), e.g. Panels:iom:Name.</summary>
public sealed class PanelsOptions
{
    public const string SectionName = "Panels";

    public Dictionary<string, PanelOptions> Panels { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
