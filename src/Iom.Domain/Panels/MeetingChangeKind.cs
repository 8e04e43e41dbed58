using Iom.Domain.Wire;

namespace Iom.Domain.Panels;

public enum MeetingChangeKind
{
    [WireName("moved")] Moved,
    [WireName("cancelled")] Cancelled,
}
