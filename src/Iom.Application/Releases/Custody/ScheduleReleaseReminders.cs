using Iom.Domain.Releases;

namespace Iom.Application.Releases.Custody;

/// <summary>
/// Queued on <see cref="CustodyQueues.Reminders"/> by the commit that set an expected release date: store these
/// reminders where the timer finds them. Idempotent: the reminders' ids are fixed by person, date and day.
/// </summary>
/// <param name="NotificationId">The notification that set the date.</param>
public sealed record ScheduleReleaseReminders(string PersonId, string NotificationId, DateOnly ReleaseDate, IReadOnlyList<ReleaseReminderDue> Reminders);
