using Azure.Messaging.ServiceBus;
using Iom.Application.Ports.Events;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.ServiceBus;

/// <summary>
/// Publishes integration events to one Service Bus topic as HMPPS domain-event JSON. The business key is the message id,
/// so with duplicate detection on the topic a republished event is dropped by the broker. Subscribers filter on the
/// subject or the "eventType" application property without reading the body.
/// </summary>
public sealed class ServiceBusIntegrationEventPublisher(ServiceBusClient client, IOptions<ServiceBusPublisherOptions> options)
    : IIntegrationEventPublisher, IAsyncDisposable
{
    public const string EventTypeProperty = "eventType";

    // One sender for the life of the app: it holds the AMQP link, which is costly to open.
    private readonly ServiceBusSender sender = client.CreateSender(options.Value.TopicName);

    public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default) =>
        sender.SendMessageAsync(ToMessage(integrationEvent), cancellationToken);

    public static ServiceBusMessage ToMessage(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return new ServiceBusMessage(DomainEventJson.Serialize(integrationEvent))
        {
            ContentType = DomainEventJson.ContentType,
            MessageId = integrationEvent.BusinessKey,
            Subject = integrationEvent.EventType,
            ApplicationProperties = { [EventTypeProperty] = integrationEvent.EventType },
        };
    }

    public ValueTask DisposeAsync() => sender.DisposeAsync();
}
