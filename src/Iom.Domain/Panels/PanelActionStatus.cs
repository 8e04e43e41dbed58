using Iom.Domain.Wire;

namespace Iom.Domain.Panels;

public enum PanelActionStatus
{
    [WireName("open")] Open,
    [WireName("done")] Done,
}
