using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Actions;

/// <summary>Where panel actions live: one partition per panel, so a panel's open actions are one bounded, indexed query.</summary>
public static class PanelActionDocuments
{
    public static string PartitionOf(PanelCode panel) => "actions-" + PanelDirectory.Code(panel);

    public static DocumentKey KeyOf(PanelCode panel, string actionId) => new(Containers.Panels, PartitionOf(panel), actionId);
}
