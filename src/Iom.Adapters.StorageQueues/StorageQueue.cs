using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Iom.Application.Ports.Queues;

namespace Iom.Adapters.StorageQueues;

/// <summary>
/// The queue ports on Azure Storage queues. Queues are created on first use; the names of those known to exist are
/// cached so that costs one request per queue per process.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It is a queue.")]
public sealed class StorageQueue(QueueServiceClient client) : IQueueSender, IQueueReceiver
{
    /// <summary>The most messages one receive can return (a service limit).</summary>
    public const int MaxMessagesPerReceive = 32;

    private readonly ConcurrentDictionary<string, QueueClient> _existing = new(StringComparer.Ordinal);

    public async Task SendAsync(string queueName, string message, TimeSpan? initialVisibilityDelay = null, CancellationToken cancellationToken = default)
    {
        var queue = await QueueAsync(queueName, cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(message, initialVisibilityDelay, timeToLive: null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerReceive);
        var queue = await QueueAsync(queueName, cancellationToken).ConfigureAwait(false);
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken).ConfigureAwait(false);
        return [.. messages.Select(m => new ReceivedMessage(m.MessageId, m.PopReceipt, m.Body.ToString(), m.DequeueCount, m.InsertedOn))];
    }

    public async Task CompleteAsync(string queueName, ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = await QueueAsync(queueName, cancellationToken).ConfigureAwait(false);
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (IsLost(e))
        {
            throw Lost(queueName, message, e);
        }
    }

    public async Task AbandonAsync(string queueName, ReceivedMessage message, TimeSpan visibilityDelay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = await QueueAsync(queueName, cancellationToken).ConfigureAwait(false);
        try
        {
            // No new content: the service keeps the body and the dequeue count, and only moves the visibility.
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, messageText: null, visibilityDelay, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (IsLost(e))
        {
            throw Lost(queueName, message, e);
        }
    }

    private async ValueTask<QueueClient> QueueAsync(string queueName, CancellationToken cancellationToken)
    {
        if (_existing.TryGetValue(queueName, out var known))
        {
            return known;
        }

        var queue = client.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return _existing.GetOrAdd(queueName, queue);
    }

    // A receipt is refused when the message was deleted (404) or received again since (400 PopReceiptMismatch).
    private static bool IsLost(RequestFailedException e) =>
        e.ErrorCode == QueueErrorCode.MessageNotFound || e.ErrorCode == QueueErrorCode.PopReceiptMismatch;

    private static InvalidOperationException Lost(string queueName, ReceivedMessage message, RequestFailedException inner) =>
        new($"Message {message.MessageId} on queue '{queueName}' is gone or was received again since; its pop receipt is no longer valid.", inner);
}
