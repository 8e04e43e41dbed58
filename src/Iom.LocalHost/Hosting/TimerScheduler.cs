using Cronos;
using Iom.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace Iom.LocalHost.Hosting;

/// <summary>
/// Fires the timer-triggered functions on the CRON schedules of their own attributes (six fields, seconds first, as
/// the Functions host reads them; "%Setting%" is taken from configuration), in UTC as the Linux Functions host does.
/// </summary>
internal sealed partial class TimerScheduler(
    FunctionCatalog catalog,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedules = catalog.Timers.Select(f => (Function: f, Cron: Parse(f))).ToList();
        return Task.WhenAll(schedules.Select(s => RunAsync(s.Function, s.Cron, stoppingToken)));
    }

    public CronExpression Parse(TimerFunction function)
    {
        var schedule = function.Schedule;
        if (schedule.StartsWith('%') && schedule.EndsWith('%'))
        {
            var setting = schedule.Trim('%');
            schedule = configuration[setting]
                ?? throw new InvalidOperationException($"Timer {function.Name} reads its schedule from '{setting}', which is not set.");
        }

        return CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
    }

    private async Task RunAsync(TimerFunction function, CronExpression cron, CancellationToken stoppingToken)
    {
        DateTimeOffset? last = null;
        if (function.RunOnStartup)
        {
            await FireAsync(function, cron, last, stoppingToken);
            last = time.GetUtcNow();
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = cron.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            try
            {
                await Task.Delay(next.Value - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FireAsync(function, cron, last, stoppingToken);
            last = next;
        }
    }

    private async Task FireAsync(TimerFunction function, CronExpression cron, DateTimeOffset? last, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var info = new TimerInfo
        {
            ScheduleStatus = new ScheduleStatus
            {
                Last = (last ?? now).UtcDateTime,
                Next = cron.GetNextOccurrence(now, TimeZoneInfo.Utc)?.UtcDateTime ?? DateTime.MaxValue,
                LastUpdated = now.UtcDateTime,
            },
        };

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var arguments = function.Method.GetParameters()
                .Select(p => p.ParameterType == typeof(CancellationToken) ? (object)stoppingToken : info)
                .ToArray();
            await FunctionInvoker.InvokeAsync(scope.ServiceProvider, function.Method, arguments);
            LogFired(logger, function.Name);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // One failed run must not stop the schedule, as in the Functions host.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception, function.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} ran")]
    private static partial void LogFired(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
