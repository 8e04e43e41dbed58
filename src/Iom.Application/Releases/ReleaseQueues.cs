namespace Iom.Application.Releases;

/// <summary>The release flow's queues, in the order a notification passes through them (docs/releases.md).</summary>
public static class ReleaseQueues
{
    /// <summary>HMPPS domain events as published (raw JSON), from the national subscription or the relay door.</summary>
    public const string NationalEvents = "prison-events";

    /// <summary>Prison number merges from the national door (<see cref="PrisonNumberMerged"/>): matching follows them.</summary>
    public const string Merges = "prison-number-merges";

    /// <summary>A notification was recorded (<see cref="ReleaseNotificationRecorded"/>): match the person.</summary>
    public const string Notifications = "release-notifications";

    /// <summary>A notification's person is known (<see cref="ApplyReleaseToPerson"/>): apply it to their custody record.</summary>
    public const string Custody = "release-custody";

    /// <summary>An alert is due (<see cref="ReleaseAlertDue"/>): work out its recipients, raise it and send its e-mails.</summary>
    public const string Alerts = "release-alerts";
}
