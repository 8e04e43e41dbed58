using System.Reflection;
using Iom.Application.Ports.Queues;
using Iom.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Iom.LocalHost.Hosting;

/// <summary>
/// Delivers queue messages to the queue-triggered functions as the Functions host does: a batch at a time, the next
/// fetched once the messages in flight are down to NewBatchThreshold (at most BatchSize + NewBatchThreshold at once);
/// a failed message comes back after the visibility timeout with its dequeue count raised, and after
/// MaxDequeueCount failed attempts it moves, intact, to "&lt;queue&gt;-poison". An idle queue is polled with
/// exponential back-off up to MaxPollingInterval.
/// Stopping is prompt whatever is queued: no new batch is taken, a message not yet started is released at once, and a
/// function still running when the host stops is no longer waited for (it has the stopping token); its message is
/// released too, so everything unfinished is delivered on the next start rather than hidden for the processing lease.
/// </summary>
internal sealed partial class QueueDispatcher(
    FunctionCatalog catalog,
    IQueueReceiver receiver,
    IQueueSender sender,
    IServiceScopeFactory scopes,
    IOptions<QueueDeliveryOptions> options,
    TimeProvider time,
    ILogger<QueueDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var function in catalog.Queues)
        {
            FunctionInvoker.RequireBindable(function.Method, p =>
                (p.GetCustomAttribute<QueueTriggerAttribute>() is not null && p.ParameterType == typeof(string))
                || p.ParameterType == typeof(CancellationToken));
        }

        return Task.WhenAll(catalog.Queues.Select(f => PollAsync(f, stoppingToken)));
    }

    private async Task PollAsync(QueueFunction function, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var idle = MinPollingInterval;
        // As the Functions host does: a new batch is fetched once the messages in flight are down to NewBatchThreshold,
        // so one slow message (a retry backing off) does not hold up the rest of its queue.
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count > settings.NewBatchThreshold)
            {
                await Task.WhenAny(running);
                continue;
            }

            IReadOnlyList<ReceivedMessage> batch;
            try
            {
                batch = await receiver.ReceiveAsync(function.QueueName, settings.BatchSize, settings.ProcessingLease, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A store that is briefly unavailable must not stop delivery for good.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogReceiveFailed(logger, exception, function.QueueName);
                batch = [];
            }

            if (batch.Count == 0)
            {
                await DelayAsync(idle, stoppingToken);
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            idle = MinPollingInterval;
            // DeliverAsync never throws: a failure is the message's (retry, then poison).
            running.AddRange(batch.Select(m => DeliverAsync(function, m, settings, stoppingToken)));
        }

        // Stopping: each delivery releases its message promptly (see DeliverAsync).
        await Task.WhenAll(running);
    }

    private async Task DeliverAsync(QueueFunction function, ReceivedMessage message, QueueDeliveryOptions settings, CancellationToken stoppingToken)
    {
        if (stoppingToken.IsCancellationRequested)
        {
            await ReleaseAsync(function, message);
            return;
        }

        var scope = scopes.CreateAsyncScope();
        var arguments = function.Method.GetParameters()
            .Select(p => p.ParameterType == typeof(CancellationToken) ? (object)stoppingToken : message.Body)
            .ToArray();
        // On the thread pool, so a function that blocks cannot hold up the dispatcher (or its stopping) either.
        var invocation = Task.Run(() => InvokeAsync(scope, function, arguments), CancellationToken.None);
        try
        {
            await invocation.WaitAsync(stoppingToken);
            await receiver.CompleteAsync(function.QueueName, message, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whether the function gave up or is still running, the message goes back for the next start.
            _ = invocation.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            await ReleaseAsync(function, message);
        }
#pragma warning disable CA1031 // A failing function is the queue's business: retry, then poison.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await FailAsync(function, message, settings, exception);
        }
    }

    // The scope lives as long as the function runs, even when the dispatcher has stopped waiting for it.
    private static async Task InvokeAsync(AsyncServiceScope scope, QueueFunction function, object[] arguments)
    {
        await using (scope)
        {
            await FunctionInvoker.InvokeAsync(scope.ServiceProvider, function.Method, arguments);
        }
    }

    private async Task ReleaseAsync(QueueFunction function, ReceivedMessage message)
    {
        try
        {
            await receiver.AbandonAsync(function.QueueName, message, TimeSpan.Zero, CancellationToken.None);
        }
#pragma warning disable CA1031 // If the store is gone already, the lease expires and the message comes back anyway.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogReceiveFailed(logger, exception, function.QueueName);
        }
    }

    private async Task FailAsync(QueueFunction function, ReceivedMessage message, QueueDeliveryOptions settings, Exception exception)
    {
        try
        {
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                // Copy to poison before deleting, so a crash in between can duplicate but never lose the message.
                await sender.SendAsync(QueueNames.PoisonOf(function.QueueName), message.Body, null, CancellationToken.None);
                await receiver.CompleteAsync(function.QueueName, message, CancellationToken.None);
                LogPoisoned(logger, exception, function.Name, message.MessageId, message.DequeueCount);
            }
            else
            {
                await receiver.AbandonAsync(function.QueueName, message, settings.VisibilityTimeout, CancellationToken.None);
                LogRetrying(logger, exception, function.Name, message.MessageId, message.DequeueCount);
            }
        }
#pragma warning disable CA1031 // If even that fails, the lease expires and the message is delivered again.
        catch (Exception handling)
#pragma warning restore CA1031
        {
            LogReceiveFailed(logger, handling, function.QueueName);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from {Queue} failed")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (attempt {DequeueCount}); it will be retried")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed on message {MessageId} {DequeueCount} times; moved to the poison queue")]
    private static partial void LogPoisoned(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);
}
