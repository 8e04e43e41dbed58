namespace Iom.Domain.Releases;

/// <summary>A release is now expected on <see cref="Date"/>: these reminders are to be raised, each on its day.</summary>
public sealed record ReleaseRemindersDue(DateOnly Date, IReadOnlyList<ReleaseReminderDue> Reminders) : CustodyEffect;
