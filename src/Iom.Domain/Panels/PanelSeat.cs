using Iom.Domain.Wire;

namespace Iom.Domain.Panels;

/// <summary>The office a member holds on the panel: who chairs, and who stands in when the chair is absent.</summary>
public enum PanelSeat
{
    [WireName("member")] Member,
    [WireName("chair")] Chair,
    [WireName("vice-chair")] ViceChair,
}
