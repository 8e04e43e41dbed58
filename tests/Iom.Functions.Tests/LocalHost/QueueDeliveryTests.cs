using Iom.Application.Ports.Queues;

namespace Iom.Functions.Tests.LocalHost;

/// <summary>The local host delivers queue messages with the Functions host's semantics.</summary>
public sealed class QueueDeliveryTests : IAsyncLifetime
{
    private RunningLocalHost host = null!;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync();

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_whose_function_fails_five_times_ends_intact_in_the_poison_queue()
    {
        var body = $$"""{"probe":"{{Guid.NewGuid()}}","text":"ünïcode ✓ and \"quotes\""}""";
        var sender = host.Services.GetRequiredService<IQueueSender>();
        var receiver = host.Services.GetRequiredService<IQueueReceiver>();

        await sender.SendAsync(ProbeFunctions.FailingQueue, body, cancellationToken: Ct);

        var poisoned = await Eventually.Async(async () =>
        {
            var messages = await receiver.ReceiveAsync(QueueNames.PoisonOf(ProbeFunctions.FailingQueue), 32, TimeSpan.FromSeconds(30), Ct);
            return messages.FirstOrDefault(m => m.Body == body);
        });

        poisoned.Body.ShouldBe(body);
        ProbeFunctions.Attempts[body].ShouldBe(5);
        (await receiver.ReceiveAsync(ProbeFunctions.FailingQueue, 32, TimeSpan.FromSeconds(1), Ct)).ShouldNotContain(m => m.Body == body);
    }

    [Fact]
    public async Task A_message_whose_function_succeeds_is_delivered_once_and_removed()
    {
        var body = Guid.NewGuid().ToString();
        var sender = host.Services.GetRequiredService<IQueueSender>();

        await sender.SendAsync(ProbeFunctions.CountingQueue, body, cancellationToken: Ct);

        await Eventually.Async(() => Task.FromResult(ProbeFunctions.Received.Contains(body) ? body : null));
        await Task.Delay(500, Ct);
        ProbeFunctions.Received.Count(m => m == body).ShouldBe(1);
        var receiver = host.Services.GetRequiredService<IQueueReceiver>();
        (await receiver.ReceiveAsync(ProbeFunctions.CountingQueue, 32, TimeSpan.FromSeconds(1), Ct)).ShouldNotContain(m => m.Body == body);
    }
}

public sealed class TimerTests
{
    [Fact]
    public async Task A_timer_function_fires_on_the_schedule_of_its_own_attribute()
    {
        await using var host = await RunningLocalHost.StartAsync();
        var before = ProbeFunctions.TimerRuns.Count;

        // "*/1 * * * * *": every second.
        await Eventually.Async(() => Task.FromResult(ProbeFunctions.TimerRuns.Count >= before + 2 ? "fired" : null));

        ProbeFunctions.TimerRuns.Count.ShouldBeGreaterThanOrEqualTo(before + 2);
    }
}

/// <summary>Waits for something that happens in the background; fails with a clear message if it never does.</summary>
public static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T?>> probe, int timeoutSeconds = 30) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Nothing happened within {timeoutSeconds} s.");
    }
}
