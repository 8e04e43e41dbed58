using System.Text.Json;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Releases.Alerts;

/// <summary>
/// Records when an alert's lead professional is due (queue <see cref="ReleaseAlertQueues.Escalations"/>, from the
/// outbox entry committed with the alert), where the escalation timer's indexed query finds it. An upsert of the same
/// document, so a redelivery changes nothing; one written again after the alert was handled is dropped by the timer.
/// </summary>
public sealed class ScheduleReleaseAlertEscalation(IDocumentStore documents)
{
    public async Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var due = JsonSerializer.Deserialize<ReleaseAlertEscalationDue>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The escalation message is null.");
        if (!ReleaseAlertDocuments.IsAlertId(due.AlertId) || string.IsNullOrWhiteSpace(due.PersonId) || string.IsNullOrWhiteSpace(due.DueAt))
        {
            throw new JsonException("The escalation message lacks its alert, person or due time.");
        }

        await documents.UpsertAsync(ReleaseAlertDocuments.EscalationKeyOf(due.AlertId), due, cancellationToken);
    }
}
