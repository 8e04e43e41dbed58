using System.Globalization;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Releases.Custody;

/// <summary>Where the custody record, its events and the scheduled reminders live.</summary>
public static class CustodyDocuments
{
    /// <summary>One record per person, in their partition.</summary>
    public const string RecordId = "custody-record";

    /// <summary>
    /// Every scheduled reminder, in one partition of the operations container, found by the timer with one indexed
    /// query on <c>dueOn</c>. It holds only what is pending (a reminder is deleted once sent or dropped), about four per
    /// expected release, so it stays small however long the service runs.
    /// </summary>
    public const string RemindersPartition = "release-reminders";

    public static DocumentKey RecordOf(string personId) => new(Containers.People, personId, RecordId);

    /// <summary>
    /// Each applied notification, created in the commit that applies it: the person's full custody history (the record
    /// keeps only the newest events) and the mark that makes a redelivery change nothing.
    /// </summary>
    public static DocumentKey EventOf(string personId, string notificationId) => new(Containers.People, personId, "custody-event-" + notificationId);

    public static DocumentKey ReminderOf(string personId, DateOnly releaseDate, int daysBefore) =>
        new(Containers.Operations, RemindersPartition, $"reminder-{personId}-{Day(releaseDate)}-d{daysBefore}");

    /// <summary>The alert an event raises: one per notification, so a redelivery cannot raise a second.</summary>
    public static string AlertIdOf(string notificationId) => "alert-" + notificationId;

    /// <summary>
    /// A reminder's alert: one per person, expected date and day, so a moved date gives new reminders and a repeat
    /// (a timer run twice, a redelivered message) is the same alert.
    /// </summary>
    public static string ReminderAlertIdOf(string personId, DateOnly releaseDate, int daysBefore) =>
        $"alert-{personId}-{Day(releaseDate)}-d{daysBefore}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
