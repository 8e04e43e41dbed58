namespace Iom.Application.Panels.Actions;

/// <summary>What one run of <see cref="ActionReminders"/> did: counts only.</summary>
/// <param name="ActionsRead">Open actions in the reminder window read (the query's cost).</param>
/// <param name="Reminded">Reminders queued (or found already queued) today.</param>
/// <param name="NoAddress">Due reminders whose owner is not on the panel's roster today, so has no address.</param>
public sealed record ActionReminderReport(DateOnly Day, bool WorkingDay, int ActionsRead, int Reminded, int NoAddress);
