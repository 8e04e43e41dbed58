using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;

namespace Iom.Application.Panels.Membership;

/// <summary>
/// Every panel's membership as it now stands (each <see cref="PanelMembership"/> holds only the version in force and
/// those dated later), in one small document, so that whether a caller sits on a panel today is one point read
/// whatever the history. A panel absent here has never been changed and is still as configured (seeded on its first
/// change). Kept in <see cref="Partition"/> with the dated versions, so a change and its version commit together.
/// </summary>
[DocumentKind("panel-memberships")]
public sealed record CurrentMemberships(IReadOnlyDictionary<string, PanelMembership> Panels)
{
    /// <summary>The partition of the panels container that holds all membership: this document and every dated version.</summary>
    public const string Partition = "panel-membership";

    public const string Id = "panel-memberships";

    public static DocumentKey Key { get; } = new(Containers.Panels, Partition, Id);
}
