namespace Iom.Application.Releases.Custody;

/// <summary>What one run of <see cref="SendDueReleaseReminders"/> did: counts only.</summary>
/// <param name="Through">The last due day it looked at (today from 07:00 London, else yesterday).</param>
public sealed record ReleaseReminderReport(DateOnly Through, int Read, int Sent, int Dropped, int Failed);
