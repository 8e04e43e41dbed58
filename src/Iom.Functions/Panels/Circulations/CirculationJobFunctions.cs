using Iom.Application.Panels;
using Iom.Application.Panels.Circulations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Panels.Circulations;

/// <summary>
/// The circulation jobs. CRON runs in UTC and London moves between GMT and BST, so the timers fire hourly and the jobs
/// decide by London time (working days, from <see cref="AgendaCirculation.EarliestLondonHour"/>); every job is
/// idempotent, so the extra runs send nothing twice and a run missed while the app was down is made up by the next.
/// </summary>
public sealed partial class CirculationJobFunctions(
    AgendaCirculation agendas,
    MinutesOverdueReminder overdue,
    MinutesCirculation minutes,
    MeetingChangedCirculation changed,
    ILogger<CirculationJobFunctions> logger)
{
    /// <summary>Hourly at 10 past: agendas due today (or missed), and today's addendum for anything listed since.</summary>
    [Function("CirculateAgendas")]
    public async Task Agendas([TimerTrigger("0 10 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await agendas.RunAsync(cancellationToken);
        LogAgendas(logger, report.Agendas, report.Addenda, report.Queued, report.Held);
    }

    /// <summary>Hourly at 20 past: one reminder a day per meeting whose minutes are overdue.</summary>
    [Function("RemindOverdueMinutes")]
    public async Task Overdue([TimerTrigger("0 20 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var reminders = await overdue.RunAsync(cancellationToken);
        LogReminders(logger, reminders);
    }

    [Function("CirculateMinutes")]
    public Task Minutes(
        [QueueTrigger(PanelQueues.MinutesCirculation, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        minutes.HandleAsync(message, cancellationToken);

    [Function("ReissueInvitations")]
    public Task MeetingChanged(
        [QueueTrigger(PanelQueues.MeetingChanged, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        changed.HandleAsync(message, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agenda circulation: {Agendas} agendas and {Addenda} addenda, {Queued} e-mails queued, {Held} recipients held.")]
    private static partial void LogAgendas(ILogger logger, int agendas, int addenda, int queued, int held);

    [LoggerMessage(Level = LogLevel.Information, Message = "Overdue minutes: {Reminders} reminders sent.")]
    private static partial void LogReminders(ILogger logger, int reminders);
}
