namespace Iom.Application.Releases;

/// <summary>Queued on <see cref="ReleaseQueues.Notifications"/> by the outbox entry committed with the notification.</summary>
public sealed record ReleaseNotificationRecorded(string NotificationId);
