using Azure.Messaging.ServiceBus;
using Iom.Adapters.ServiceBus;
using Iom.Application.Ports.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Messaging.Tests;

/// <summary>
/// LIVE: publishes to a real Service Bus namespace. Runs only where SERVICEBUS_CONNECTION holds a connection string
/// with Send and Listen rights; topic SERVICEBUS_TOPIC (default iom-events) needs a subscription
/// SERVICEBUS_SUBSCRIPTION (default iom-live-tests) without filters.
/// </summary>
public sealed class LiveServiceBusIntegrationEventPublisherTests
{
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable("SERVICEBUS_CONNECTION");

    [Fact]
    public async Task Live_an_event_published_to_a_real_topic_arrives_with_its_id_subject_property_and_body()
    {
        Assert.SkipUnless(!string.IsNullOrEmpty(ConnectionString), "Live Service Bus test: set SERVICEBUS_CONNECTION to run it.");
        var topic = Environment.GetEnvironmentVariable("SERVICEBUS_TOPIC") ?? "iom-events";
        var subscription = Environment.GetEnvironmentVariable("SERVICEBUS_SUBSCRIPTION") ?? "iom-live-tests";
        var integrationEvent = Samples.PrisonerReleased($"live-test:{Guid.NewGuid():N}");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ServiceBus:ConnectionString"] = ConnectionString,
            ["ServiceBus:TopicName"] = topic,
        }).Build();
        await using var services = new ServiceCollection().AddServiceBusIntegrationEventPublisher(configuration).BuildServiceProvider();

        await services.GetRequiredService<IIntegrationEventPublisher>().PublishAsync(integrationEvent, TestContext.Current.CancellationToken);

        await using var receiver = services.GetRequiredService<ServiceBusClient>().CreateReceiver(topic, subscription);
        var received = await ReceiveAsync(receiver, integrationEvent.BusinessKey);
        received.Subject.ShouldBe(integrationEvent.EventType);
        received.ContentType.ShouldBe(DomainEventJson.ContentType);
        received.ApplicationProperties[ServiceBusIntegrationEventPublisher.EventTypeProperty].ShouldBe(integrationEvent.EventType);
        received.Body.ToArray().ShouldBe(DomainEventJson.Serialize(integrationEvent));
    }

    private static async Task<ServiceBusReceivedMessage> ReceiveAsync(ServiceBusReceiver receiver, string messageId)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5), deadline.Token);
            if (message is null)
            {
                continue;
            }

            await receiver.CompleteMessageAsync(message, deadline.Token);
            if (message.MessageId == messageId)
            {
                return message;
            }
        }
    }
}
