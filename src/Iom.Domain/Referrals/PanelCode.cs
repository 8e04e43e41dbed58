using Iom.Domain.Wire;

namespace Iom.Domain.Referrals;

/// <summary>The bodies of the Richmond model: three monthly panels and the strategic group that oversees them.</summary>
public enum PanelCode
{
    [WireName("iom")] Iom,
    [WireName("asb")] Asb,
    [WireName("dyo")] Dyo,
    [WireName("strategic-group")] StrategicGroup,
}
