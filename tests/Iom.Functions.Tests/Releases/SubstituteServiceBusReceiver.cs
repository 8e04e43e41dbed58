using Azure.Messaging.ServiceBus;

namespace Iom.Functions.Tests.Releases;

/// <summary>
/// A substitute for a Service Bus queue's receiver, as no Service Bus broker or emulator runs here. It behaves as a
/// peek-lock receiver does for one reader: a received message is locked until settled; completed and dead-lettered
/// ones are gone; an abandoned one is delivered again with its delivery count raised. Messages come from the SDK's
/// own <see cref="ServiceBusModelFactory"/>.
/// </summary>
internal sealed class SubstituteServiceBusReceiver : ServiceBusReceiver
{
    private readonly Queue<ServiceBusReceivedMessage> available = new();

    public List<ServiceBusReceivedMessage> Completed { get; } = [];

    public List<(ServiceBusReceivedMessage Message, string Reason, string? Description)> DeadLettered { get; } = [];

    public List<ServiceBusReceivedMessage> Abandoned { get; } = [];

    /// <summary>The batch size and wait of every receive asked for.</summary>
    public List<(int MaxMessages, TimeSpan? MaxWaitTime)> Receives { get; } = [];

    public int Waiting => available.Count;

    public void Enqueue(string body, string messageId) => available.Enqueue(Message(BinaryData.FromString(body), messageId, deliveryCount: 1));

    public override Task<IReadOnlyList<ServiceBusReceivedMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan? maxWaitTime = null, CancellationToken cancellationToken = default)
    {
        Receives.Add((maxMessages, maxWaitTime));
        var batch = new List<ServiceBusReceivedMessage>();
        while (batch.Count < maxMessages && available.TryDequeue(out var message))
        {
            batch.Add(message);
        }

        return Task.FromResult<IReadOnlyList<ServiceBusReceivedMessage>>(batch);
    }

    public override Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        Completed.Add(message);
        return Task.CompletedTask;
    }

    public override Task DeadLetterMessageAsync(ServiceBusReceivedMessage message, string deadLetterReason, string? deadLetterErrorDescription = null, CancellationToken cancellationToken = default)
    {
        DeadLettered.Add((message, deadLetterReason, deadLetterErrorDescription));
        return Task.CompletedTask;
    }

    public override Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null, CancellationToken cancellationToken = default)
    {
        Abandoned.Add(message);
        available.Enqueue(Message(message.Body, message.MessageId, message.DeliveryCount + 1));
        return Task.CompletedTask;
    }

    // Nothing to close (disposing closes): there is no connection.
    public override Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    private static ServiceBusReceivedMessage Message(BinaryData body, string messageId, int deliveryCount) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(body: body, messageId: messageId, lockTokenGuid: Guid.NewGuid(), deliveryCount: deliveryCount);
}
