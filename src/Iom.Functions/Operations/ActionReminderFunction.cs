using Iom.Application.Panels.Actions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Operations;

public sealed partial class ActionReminderFunction(ActionReminders reminders, ILogger<ActionReminderFunction> logger)
{
    /// <summary>
    /// Daily at 06:00 UTC: 06:00 in London in winter, 07:00 in summer (the CRON is UTC and BST moves London, not the
    /// schedule), the same London date either way. It fires every day and the handler skips weekends and bank
    /// holidays by the London date; a second run the same day sends nothing twice.
    /// </summary>
    [Function("RemindActionOwners")]
    public async Task Run([TimerTrigger("0 0 6 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await reminders.HandleAsync(cancellationToken);
        Done(logger, report.Day, report.WorkingDay, report.ActionsRead, report.Reminded, report.NoAddress);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Action reminders for {Day} (working day: {WorkingDay}): {Read} open actions read, {Reminded} reminders queued, {NoAddress} owners not on the roster.")]
    private static partial void Done(ILogger logger, DateOnly day, bool workingDay, int read, int reminded, int noAddress);
}
