namespace Iom.Application.Ports.Queues;

/// <summary>Sends work to a queue-triggered function. Message bodies are JSON text.</summary>
public interface IQueueSender
{
    /// <param name="initialVisibilityDelay">Hold the message back this long before any consumer sees it.</param>
    Task SendAsync(string queueName, string message, TimeSpan? initialVisibilityDelay = null, CancellationToken cancellationToken = default);
}

/// <summary>A message taken off a queue and hidden from other consumers until completed or abandoned.</summary>
/// <param name="DequeueCount">How many times it has been received, this time included (1 on first delivery).</param>
public sealed record ReceivedMessage(string MessageId, string PopReceipt, string Body, long DequeueCount, DateTimeOffset? InsertedOn);

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

/// <summary>Queue names; each has a "-poison" twin for messages that failed every attempt.</summary>
public static class QueueNames
{
    public const string PoisonSuffix = "-poison";

    public static string PoisonOf(string queueName) => queueName + PoisonSuffix;
}
