using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Ports.Events;
using Iom.Domain.Cohort;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;

namespace Iom.Application.Cohort;

/// <summary>
/// The thin, HMPPS-shaped integration events of the cohort: <c>iom.cohort.member-selected</c> and
/// <c>iom.cohort.member-deselected</c>. Each is an outbox entry committed with the membership change in the person's
/// partition, relayed to <see cref="CohortQueues.Events"/> and published by <see cref="PublishCohortEvent"/>; the
/// business key (meeting and person) lets the broker drop a repeat. Our person id, the panel, the category and the
/// cohort type; never a name or another identifier.
/// </summary>
public static class CohortEvents
{
    public const string MemberSelected = "iom.cohort.member-selected";
    public const string MemberDeselected = "iom.cohort.member-deselected";

    public static OutboxEntry Selected(string personId, CohortPeriod period, string meetingId, Uri detail, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(period);
        return Entry(MemberSelected, $"A person joined the IOM cohort of the {PanelDirectory.Code(period.Panel)} panel", personId, period.Panel, meetingId, detail, at,
            new Dictionary<string, string> { ["category"] = WireNames.Of(period.Category), ["cohortType"] = WireNames.Of(period.CohortType) });
    }

    public static OutboxEntry Deselected(string personId, CohortPeriod period, string meetingId, Uri detail, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(period);
        return Entry(MemberDeselected, $"A person left the IOM cohort of the {PanelDirectory.Code(period.Panel)} panel", personId, period.Panel, meetingId, detail, at,
            new Dictionary<string, string> { ["reasonCode"] = period.EndReason ?? "" });
    }

    private static OutboxEntry Entry(
        string type, string description, string personId, PanelCode panel, string meetingId, Uri detail, DateTimeOffset at, Dictionary<string, string> more)
    {
        var key = $"{type}-{meetingId}-{personId}";
        more["panel"] = PanelDirectory.Code(panel);
        more["meetingId"] = meetingId;
        var integrationEvent = new IntegrationEvent(type, 1, at, description, key, detail, [new PersonIdentifier("IOM", personId)], more);
        return OutboxEntry.For(key.Replace('.', '-'), CohortQueues.Events, integrationEvent, at);
    }
}
