using Azure.Messaging.ServiceBus;
using Iom.Application.Ports.Queues;

namespace Iom.Adapters.ServiceBus;

/// <summary>A peek-locked Service Bus message, settled through the receiver that holds its lock.</summary>
internal sealed class ServiceBusLockedMessage(ServiceBusReceiver receiver, ServiceBusReceivedMessage message) : LockedMessage
{
    public override string MessageId => message.MessageId;

    public override ReadOnlyMemory<byte> Body => message.Body.ToMemory();

    public override int DeliveryCount => message.DeliveryCount;

    public override Task CompleteAsync(CancellationToken cancellationToken) => receiver.CompleteMessageAsync(message, cancellationToken);

    public override Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken) =>
        receiver.DeadLetterMessageAsync(message, reason, description, cancellationToken);

    public override Task AbandonAsync(CancellationToken cancellationToken) => receiver.AbandonMessageAsync(message, cancellationToken: cancellationToken);
}
