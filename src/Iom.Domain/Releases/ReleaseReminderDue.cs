namespace Iom.Domain.Releases;

/// <summary>One reminder of an expected release: <see cref="DaysBefore"/> the date, due on <see cref="DueOn"/> (London).</summary>
public sealed record ReleaseReminderDue(int DaysBefore, DateOnly DueOn);
