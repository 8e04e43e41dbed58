namespace Iom.Domain.Releases;

/// <summary>A release a prison has said will happen on <see cref="Date"/>, and which of its reminders have gone.</summary>
/// <param name="ForHealth">Reported as a release to hospital.</param>
/// <param name="NotificationId">The notification that set this date (its reminders name it).</param>
/// <param name="RemindersSent">The reminder days (<see cref="ReleaseReminderDays"/>) already raised for this date.</param>
public sealed record ExpectedRelease(DateOnly Date, bool ForHealth, string NotificationId, IReadOnlyList<int> RemindersSent);
