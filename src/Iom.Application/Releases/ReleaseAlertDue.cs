using Iom.Domain.Releases;

namespace Iom.Application.Releases;

/// <summary>
/// Queued on <see cref="ReleaseQueues.Alerts"/> from the person's custody record (an outbox entry in the commit that
/// decided it): an alert is due. The receiver works out the recipients as they are at that moment, and raises the
/// alert once: <see cref="AlertId"/> is fixed by the sender (the notification, or the reminder), so a repeat conflicts.
/// </summary>
/// <param name="AlertId">The alert's id, <c>alert-…</c>: the integration event's message id and the mail's idempotency key stem.</param>
/// <param name="NotificationId">The notification that caused it (for a reminder, the one that set the expected date).</param>
/// <param name="ReleaseDate">The (expected) release date the alert is about.</param>
/// <param name="DaysBefore">For <see cref="ReleaseAlertKind.ExpectedRelease"/>: 28, 14, 2 or 0 (on the day); otherwise null.</param>
public sealed record ReleaseAlertDue(
    string AlertId, string PersonId, string NotificationId, ReleaseAlertKind Kind, DateOnly ReleaseDate, DateTimeOffset OccurredAt,
    int? DaysBefore = null)
{
    public string? CorrelationId { get; init; }
}
