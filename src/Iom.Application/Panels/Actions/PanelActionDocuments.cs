using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Actions;

/// <summary>Where panel actions live: one partition per panel, so a panel's open actions are one bounded, indexed query.</summary>
public static class PanelActionDocuments
{
    public static string PartitionOf(PanelCode panel) => "actions-" + PanelDirectory.Code(panel);

    /// <summary>The id of the <paramref name="position"/>th action (from 1) in a meeting's minutes: stable, and it names the panel.</summary>
    public static string IdFor(MeetingId meeting, int position) => $"{meeting}-action-{position}";

    /// <summary>The panel (and so the partition) of an action id made by <see cref="IdFor"/>.</summary>
    public static bool TryParse(string? actionId, out PanelCode panel)
    {
        panel = default;
        var at = actionId?.LastIndexOf("-action-", StringComparison.Ordinal) ?? -1;
        if (at < 0 || !int.TryParse(actionId![(at + 8)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position) || position < 1
            || !MeetingId.TryParse(actionId[..at], out var meeting))
        {
            return false;
        }

        panel = meeting.Panel;
        return true;
    }

    public static DocumentKey KeyOf(PanelCode panel, string actionId) => new(Containers.Panels, PartitionOf(panel), actionId);
}
