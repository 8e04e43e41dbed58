using Azure.Messaging.ServiceBus;
using Iom.Application.Ports.Queues;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.ServiceBus;

/// <summary>
/// <see cref="INationalEventInbox"/> on a Service Bus queue, received in peek-lock mode: a message is removed only when
/// settled, so one the app stops on comes back when its lock lapses.
/// </summary>
public sealed class ServiceBusNationalEventInbox(ServiceBusReceiver receiver, IOptions<NationalEventQueueOptions> options)
    : INationalEventInbox, IAsyncDisposable
{
    /// <summary>How long a run waits for the first message of an empty queue.</summary>
    public static readonly TimeSpan MaxWaitTime = TimeSpan.FromSeconds(5);

    /// <summary>How the app's receiver is opened: peek-lock, and no prefetch, so nothing is locked that a run will not handle.</summary>
    public static ServiceBusReceiverOptions ReceiverOptions => new() { ReceiveMode = ServiceBusReceiveMode.PeekLock, PrefetchCount = 0 };

    public async Task<IReadOnlyList<LockedMessage>> ReceiveAsync(CancellationToken cancellationToken)
    {
        var received = await receiver.ReceiveMessagesAsync(options.Value.MaxMessagesPerRun, MaxWaitTime, cancellationToken).ConfigureAwait(false);
        return [.. received.Select(m => new ServiceBusLockedMessage(receiver, m))];
    }

    public ValueTask DisposeAsync() => receiver.DisposeAsync();
}
