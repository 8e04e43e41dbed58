using System.Collections.Concurrent;
using Iom.Application.Ports.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Tests.LocalHost;

/// <summary>Ctrl+C stops the local host promptly whatever is queued, and nothing queued is lost or hidden.</summary>
public sealed class ShutdownTests
{
    private const int Backlog = 1700;

    // Ctrl+C must end the local host within this, whatever is queued.
    private static readonly TimeSpan WithinShutdown = TimeSpan.FromSeconds(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stopping_with_a_large_backlog_and_functions_that_ignore_cancellation_ends_within_the_shutdown_timeout_and_leaves_every_unfinished_message_queued()
    {
        await using var host = await RunningLocalHost.StartAsync(extraFunctionTypes: [typeof(BacklogProbe)]);
        var sender = host.Services.GetRequiredService<IQueueSender>();
        var bodies = Enumerable.Range(0, Backlog).Select(i => $"mail-{i:D4}").ToList();
        foreach (var body in bodies)
        {
            await sender.SendAsync(BacklogProbe.Queue, body, cancellationToken: Ct);
        }

        await Eventually.Async(() => Task.FromResult(BacklogProbe.Started > BacklogProbe.PassFreely ? "hanging" : null));
        try
        {
            using var shutdown = new CancellationTokenSource(WithinShutdown);
            await host.StopAsync(shutdown.Token);

            var dispatcher = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s.GetType().Name == "QueueDispatcher");
            dispatcher.ExecuteTask!.IsCompleted.ShouldBeTrue("the dispatcher was still waiting for its functions when the host had stopped");
            var queued = await QueuedAsync(host.Services.GetRequiredService<IQueueReceiver>());
            var done = BacklogProbe.Done.ToHashSet();
            bodies.Where(b => !done.Contains(b)).ShouldBeSubsetOf(queued, "a message neither done nor deliverable at the next start");
            queued.Count.ShouldBeGreaterThan(Backlog / 2);
        }
        finally
        {
            BacklogProbe.Gate.TrySetResult();
        }

        host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout.ShouldBeLessThanOrEqualTo(WithinShutdown);
    }

    // Every message the next start could take at once (a message still leased is invisible and not counted).
    private static async Task<HashSet<string>> QueuedAsync(IQueueReceiver receiver)
    {
        var queued = new HashSet<string>(StringComparer.Ordinal);
        while (await receiver.ReceiveAsync(BacklogProbe.Queue, 32, TimeSpan.FromHours(1), Ct) is { Count: > 0 } batch)
        {
            queued.UnionWith(batch.Select(m => m.Body));
        }

        return queued;
    }
}

/// <summary>A queue function like a send that does not listen for cancellation: the first few go through, the rest hang.</summary>
public sealed class BacklogProbe
{
    public const string Queue = "probe-backlog";
    public const int PassFreely = 20;

    private static int started;

    public static int Started => Volatile.Read(ref started);
    public static ConcurrentQueue<string> Done { get; } = new();
    public static TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Function("ProbeBacklog")]
    public static async Task Handle([QueueTrigger(Queue)] string message)
    {
        if (Interlocked.Increment(ref started) > PassFreely)
        {
            await Gate.Task;
        }

        Done.Enqueue(message);
    }
}
