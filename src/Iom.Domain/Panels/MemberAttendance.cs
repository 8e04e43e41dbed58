using Iom.Domain.Wire;

namespace Iom.Domain.Panels;

/// <summary>How often a member is expected at the panel (the Richmond model's P and AAR).</summary>
public enum MemberAttendance
{
    [WireName("permanent")] Permanent,
    [WireName("as-required")] AsRequired,
}
