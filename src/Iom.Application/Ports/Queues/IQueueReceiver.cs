namespace Iom.Application.Ports.Queues;

/// <summary>
/// Receives messages. In Azure the Functions host does this; the local host uses this port to give queue-triggered
/// functions the same delivery semantics (dequeue count, back-off, poison queue).
/// </summary>
public interface IQueueReceiver
{
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Deletes a handled message.</summary>
    Task CompleteAsync(string queueName, ReceivedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Makes a message visible again after <paramref name="visibilityDelay"/>, keeping its dequeue count.</summary>
    Task AbandonAsync(string queueName, ReceivedMessage message, TimeSpan visibilityDelay, CancellationToken cancellationToken = default);
}
