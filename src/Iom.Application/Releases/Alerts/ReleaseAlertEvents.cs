using System.Globalization;
using Iom.Application.Cohort;
using Iom.Application.Outbox;
using Iom.Application.Ports.Events;
using Iom.Domain.Releases;
using Iom.Domain.Wire;

namespace Iom.Application.Releases.Alerts;

/// <summary>
/// <c>iom.release-alert.raised</c>: the thin, HMPPS-shaped integration event of a raised alert, an outbox entry in the
/// alert's commit. It is relayed to <see cref="CohortQueues.Events"/> and published by <see cref="PublishCohortEvent"/>,
/// which publishes any integration event (one publisher, one queue). Its business key, the Service Bus message id, is
/// the alert id, so a repeat is dropped by the topic's duplicate detection. Identifiers only: our person id, the alert,
/// the notification and the kind.
/// </summary>
public static class ReleaseAlertEvents
{
    public const string Raised = "iom.release-alert.raised";

    public static OutboxEntry RaisedEntry(ReleaseAlert alert, Uri detail, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var more = new Dictionary<string, string>
        {
            ["alertId"] = alert.Id,
            ["notificationId"] = alert.NotificationId,
            ["kind"] = WireNames.Of(alert.Kind),
        };
        if (alert.DaysBefore is { } days)
        {
            more["daysBefore"] = days.ToString(CultureInfo.InvariantCulture);
        }

        var integrationEvent = new IntegrationEvent(Raised, 1, alert.RaisedAt, $"A release alert ({WireNames.Of(alert.Kind)}) was raised", alert.Id, detail,
            [new PersonIdentifier("IOM", alert.PersonId)], more);
        return OutboxEntry.For("release-alert-raised-" + alert.Id, CohortQueues.Events, integrationEvent, at);
    }
}
