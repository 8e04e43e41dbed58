namespace Iom.Domain.Releases;

/// <summary>
/// When an expected release is reminded of: 28, 14 and 2 calendar days before, and on the day. A reminder whose day
/// has already passed when the date is learnt is not scheduled (learnt 10 days before: the 2-day one and the one on
/// the day), and one overtaken by a nearer reminder already due is not sent (<see cref="CustodyRecord.Remind"/>).
/// </summary>
public static class ReleaseReminderDays
{
    public static IReadOnlyList<int> All { get; } = [28, 14, 2, 0];

    /// <summary>The reminders still to come for a release expected on <paramref name="date"/>, learnt on <paramref name="today"/>.</summary>
    public static IReadOnlyList<ReleaseReminderDue> Schedule(DateOnly date, DateOnly today) =>
        All.Where(days => date.AddDays(-days) >= today).Select(days => new ReleaseReminderDue(days, date.AddDays(-days))).ToList();
}
