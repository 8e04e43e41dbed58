using Iom.Domain.Wire;

namespace Iom.Domain.Panels;

/// <summary>What a change to a panel's membership did.</summary>
public enum MembershipChangeKind
{
    /// <summary>The roster as first taken from configuration.</summary>
    [WireName("seeded")] Seeded,
    [WireName("member-added")] MemberAdded,
    [WireName("member-changed")] MemberChanged,
    [WireName("member-removed")] MemberRemoved,
    [WireName("chair-organisation-changed")] ChairOrganisationChanged,
}
