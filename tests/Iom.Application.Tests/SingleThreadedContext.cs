using System.Collections.Concurrent;

namespace Iom.Application.Tests;

/// <summary>
/// Runs async code with every continuation on one thread, in the order posted, so what overlaps with what is decided
/// by the code's structure (which calls it starts before awaiting), not by thread timing.
/// </summary>
internal sealed class SingleThreadedContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> queue = [];

    public override void Post(SendOrPostCallback d, object? state) => queue.Add((d, state));

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Synchronous sends would deadlock the one thread.");

    public static T Run<T>(Func<Task<T>> work)
    {
        var previous = Current;
        var context = new SingleThreadedContext();
        SetSynchronizationContext(context);
        try
        {
            var task = work();
            task.ContinueWith(_ => context.queue.CompleteAdding(), TaskScheduler.Default);
            foreach (var (callback, state) in context.queue.GetConsumingEnumerable())
            {
                callback(state);
            }

            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
