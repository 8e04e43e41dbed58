namespace Iom.Application.Releases.Custody;

/// <summary>The custody record's own queue, between the custody commit and the reminders partition.</summary>
public static class CustodyQueues
{
    /// <summary>A release is now expected (<see cref="ScheduleReleaseReminders"/>): store its reminders for the timer.</summary>
    public const string Reminders = "release-reminders";
}
