using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Releases;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Releases.Custody;

/// <summary>
/// Applies a matched notification to the person's custody record (<see cref="ReleaseQueues.Custody"/>): ONE commit in
/// the person's partition holds the record (ETag-guarded; on a conflict it is read again and the event applied afresh),
/// the event's own document (create-only: the mark that the notification was applied), the audit record, and an
/// outbox entry per effect — <see cref="ReleaseAlertDue"/> with the alert id fixed by the notification, and the
/// reminders to schedule. A redelivery finds the event's document and changes nothing, so it can raise nothing new.
/// </summary>
public sealed partial class ApplyReleaseToCustody(
    IDocumentStore documents, AuditTrail audit, OutboxNudges nudges, TimeProvider time, ILogger<ApplyReleaseToCustody> logger)
{
    public const string Purpose = "Offender management: keeping a person's custody record from prison release notifications";

    /// <summary>Concurrent changes to one person's record (other notifications, the reminder timer) each let one through.</summary>
    public const int MaxAttempts = 8;

    private static readonly AuditActor System = new("system:release-custody", "IOM Functions", []);

    public async Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<ApplyReleaseToPerson>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The apply-release message is null.");
        if (string.IsNullOrWhiteSpace(message.NotificationId) || string.IsNullOrWhiteSpace(message.PersonId))
        {
            throw new JsonException("The apply-release message names no notification or no person.");
        }

        await ApplyAsync(message, cancellationToken);
    }

    /// <returns>What the notification did to the record (<see cref="CustodyOutcome.AlreadyApplied"/> on a repeat).</returns>
    public async Task<CustodyOutcome> ApplyAsync(ApplyReleaseToPerson message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (notificationId, personId) = (message.NotificationId, message.PersonId);
        // Matching queues this only after the notification is stored; without it there is nothing to apply (poison).
        var notification = await documents.ReadAsync<ReleaseNotification>(ReleaseNotifications.KeyOf(notificationId), cancellationToken)
            ?? throw new InvalidOperationException($"Release notification {notificationId} is not stored.");
        var custodyEvent = CustodyEvent.From(notificationId, notification.Value.Report);
        var eventKey = CustodyDocuments.EventOf(personId, notificationId);

        for (var attempt = 1; ; attempt++)
        {
            var recordRead = documents.ReadAsync<CustodyRecord>(CustodyDocuments.RecordOf(personId), cancellationToken);
            var applied = await documents.ReadAsync<CustodyEvent>(eventKey, cancellationToken);
            var stored = await recordRead;
            if (applied is not null)
            {
                LogRepeat(logger, notificationId);
                return CustodyOutcome.AlreadyApplied;
            }

            var now = time.GetUtcNow();
            var change = (stored?.Value ?? CustodyRecord.Empty(personId)).Apply(custodyEvent, LondonTime.LondonDate(now));
            if (change.Outcome == CustodyOutcome.AlreadyApplied)
            {
                return change.Outcome;
            }

            var entries = change.Effects.Select(effect => EntryFor(effect, personId, custodyEvent, now)).ToList();
            DocumentWrite recordWrite = stored is null
                ? DocumentWrite.Create(CustodyDocuments.RecordId, change.Record)
                : DocumentWrite.Replace(CustodyDocuments.RecordId, change.Record, stored.ETag);
            var entry = new AuditEntry(personId, AuditOperation.Alteration, $"custody-record/{notificationId}", System, Purpose, now, notificationId);
            try
            {
                await audit.CommitAsync(entry, [recordWrite, DocumentWrite.Create(eventKey.Id, custodyEvent), .. entries.Select(e => e.Write())], cancellationToken);
            }
            catch (DocumentStoreException) when (attempt < MaxAttempts)
            {
                // The record changed meanwhile (another notification, a reminder sent), or this one was applied by a twin
                // delivery: read again, and apply to what is there now.
                continue;
            }
            catch (DocumentOutcomeUnknownException)
            {
                // Applied or not: the event's document says. Not applied → fail, and the queue delivers it again.
                if (await documents.ReadAsync<CustodyEvent>(eventKey, cancellationToken) is null)
                {
                    throw;
                }

                return change.Outcome;
            }

            nudges.Post(Containers.People, personId, entries);
            LogApplied(logger, notificationId, change.Outcome, entries.Count);
            return change.Outcome;
        }
    }

    private static OutboxEntry EntryFor(CustodyEffect effect, string personId, CustodyEvent custodyEvent, DateTimeOffset now) => effect switch
    {
        CustodyAlertDue alert => OutboxEntry.For(
            "release-alert-" + custodyEvent.NotificationId,
            ReleaseQueues.Alerts,
            new ReleaseAlertDue(CustodyDocuments.AlertIdOf(custodyEvent.NotificationId), personId, custodyEvent.NotificationId, alert.Kind, alert.ReleaseDate, alert.OccurredAt)
            {
                CorrelationId = custodyEvent.NotificationId,
            },
            now),
        ReleaseRemindersDue reminders => OutboxEntry.For(
            "release-reminders-" + custodyEvent.NotificationId,
            CustodyQueues.Reminders,
            new ScheduleReleaseReminders(personId, custodyEvent.NotificationId, reminders.Date, reminders.Reminders),
            now),
        _ => throw new InvalidOperationException($"No outbox entry for the custody effect {effect.GetType().Name}."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Release notification {NotificationId} applied to a custody record: {Outcome}, {Entries} outbox entries")]
    private static partial void LogApplied(ILogger logger, string notificationId, CustodyOutcome outcome, int entries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Release notification {NotificationId} was applied to its custody record before: nothing to do")]
    private static partial void LogRepeat(ILogger logger, string notificationId);
}
