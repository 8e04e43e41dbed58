using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Releases;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Releases.Custody;

/// <summary>
/// Raises the reminders of expected releases whose day has come (run hourly by a timer). One indexed query finds the
/// reminders due by today (from <see cref="SendFrom"/> London time; before that, by yesterday), a page at a time. For
/// each, the person's custody record decides (<see cref="CustodyRecord.Remind"/>): still expected on that date and not
/// sent → ONE commit in the person's partition marks it sent on the record (ETag-guarded) with the
/// <see cref="ReleaseAlertDue"/> outbox entry; moved, stopped, sent already, or overtaken → dropped. Either way the
/// reminder document is deleted afterwards. Idempotent whatever retries happen: the record says what went, and the
/// alert id is fixed by person, date and day.
/// </summary>
public sealed partial class SendDueReleaseReminders(
    IDocumentStore documents, OutboxNudges nudges, TimeProvider time, ILogger<SendDueReleaseReminders> logger)
{
    /// <summary>The London time from which a day's reminders go: the start of the working day, not midnight.</summary>
    public static readonly TimeOnly SendFrom = new(7, 0);

    private const int PageSize = 200;

    public async Task<ReleaseReminderReport> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var london = LondonTime.ToLondon(now);
        var today = DateOnly.FromDateTime(london.DateTime);
        var through = TimeOnly.FromDateTime(london.DateTime) >= SendFrom ? today : today.AddDays(-1);
        var (read, sent, dropped, failed) = (0, 0, 0, 0);
        string? continuation = null;
        do
        {
            var page = await documents.QueryAsync<ReleaseReminder>(new DocumentQuery(Containers.Operations, CustodyDocuments.RemindersPartition)
            {
                Filters = [FieldFilter.Before("dueOn", through.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))],
                OrderBy = "dueOn",
                PageSize = PageSize,
                Continuation = continuation,
            }, cancellationToken);
            read += page.Items.Count;
            foreach (var reminder in page.Items)
            {
                try
                {
                    var decision = await RemindAsync(reminder.Value, today, cancellationToken);
                    if (decision == ReminderDecision.NotYet)
                    {
                        continue;
                    }

                    sent += decision == ReminderDecision.Send ? 1 : 0;
                    dropped += decision == ReminderDecision.Drop ? 1 : 0;
                    // Decided for good (the record says what went): a crash before this delete only means deciding it again.
                    await documents.DeleteAsync(reminder.Key, null, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One reminder that fails now does not hold up the others; it stays, and the next run decides it again.
                    failed++;
                    LogFailed(logger, exception, reminder.Value.DaysBefore);
                }
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);

        LogDone(logger, through, read, sent, dropped, failed);
        return new ReleaseReminderReport(through, read, sent, dropped, failed);
    }

    private async Task<ReminderDecision> RemindAsync(ReleaseReminder reminder, DateOnly today, CancellationToken cancellationToken)
    {
        var recordKey = CustodyDocuments.RecordOf(reminder.PersonId);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await documents.ReadAsync<CustodyRecord>(recordKey, cancellationToken);
            if (stored is null)
            {
                return ReminderDecision.Drop;
            }

            var (record, decision) = stored.Value.Remind(reminder.ReleaseDate, reminder.DaysBefore, today);
            if (decision != ReminderDecision.Send)
            {
                return decision;
            }

            var alertId = CustodyDocuments.ReminderAlertIdOf(reminder.PersonId, reminder.ReleaseDate, reminder.DaysBefore);
            var due = new ReleaseAlertDue(alertId, reminder.PersonId, record.ExpectedRelease!.NotificationId, ReleaseAlertKind.ExpectedRelease,
                reminder.ReleaseDate, time.GetUtcNow(), reminder.DaysBefore) { CorrelationId = alertId };
            var entry = OutboxEntry.For("release-" + alertId, ReleaseQueues.Alerts, due, time.GetUtcNow());
            try
            {
                await documents.CommitAsync(Containers.People, reminder.PersonId,
                    [DocumentWrite.Replace(recordKey.Id, record, stored.ETag), entry.Write()], cancellationToken);
            }
            catch (DocumentStoreException) when (attempt < ApplyReleaseToCustody.MaxAttempts)
            {
                // The record changed meanwhile (a new notification, another run): decide again on what is there now.
                continue;
            }

            nudges.Post(Containers.People, reminder.PersonId, [entry]);
            return ReminderDecision.Send;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Release reminders due through {Through}: {Read} read, {Sent} raised, {Dropped} dropped, {Failed} left for the next run")]
    private static partial void LogDone(ILogger logger, DateOnly through, int read, int sent, int dropped, int failed);

    // Not the reminder's id: it holds the person id and the expected release date.
    [LoggerMessage(Level = LogLevel.Warning, Message = "A release reminder ({DaysBefore} days before) could not be decided now; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, int daysBefore);
}
