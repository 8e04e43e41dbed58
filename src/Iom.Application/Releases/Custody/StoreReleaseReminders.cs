using System.Text.Json;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Releases.Custody;

/// <summary>
/// Stores an expected release's reminders where the timer finds them (<see cref="CustodyQueues.Reminders"/>), in one
/// commit. Their ids are fixed by person, date and day, so a redelivery conflicts and changes nothing.
/// </summary>
public sealed class StoreReleaseReminders(IDocumentStore documents)
{
    public async Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<ScheduleReleaseReminders>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The schedule-reminders message is null.");
        if (string.IsNullOrWhiteSpace(message.PersonId) || string.IsNullOrWhiteSpace(message.NotificationId) || message.Reminders is null)
        {
            throw new JsonException("The schedule-reminders message names no person, notification or reminders.");
        }

        await StoreAsync(message, cancellationToken);
    }

    public async Task StoreAsync(ScheduleReleaseReminders message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writes = message.Reminders.Select(r =>
        {
            var key = CustodyDocuments.ReminderOf(message.PersonId, message.ReleaseDate, r.DaysBefore);
            return DocumentWrite.Create(key.Id, new ReleaseReminder(key.Id, message.PersonId, message.NotificationId, message.ReleaseDate, r.DaysBefore, r.DueOn));
        }).ToList();
        if (writes.Count == 0)
        {
            return;
        }

        try
        {
            await documents.CommitAsync(Containers.Operations, CustodyDocuments.RemindersPartition, writes, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // Stored by an earlier delivery (all of them: the commit is atomic), some perhaps sent and deleted since.
        }
    }
}
