using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Iom.Adapters.ServiceBus;
using Iom.Application.Ports.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace Iom.Adapters.Messaging.Tests;

/// <summary>
/// No Service Bus broker runs here: the SDK's client and sender are substituted (their members are virtual for this),
/// and what the publisher hands the sender is checked. <see cref="LiveServiceBusIntegrationEventPublisherTests"/> sends
/// to a real namespace where one is configured.
/// </summary>
public sealed class ServiceBusIntegrationEventPublisherTests
{
    private const string FakeConnectionString =
        "Endpoint=sb://iom-test.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=bm90LWEta2V5";

    private readonly ServiceBusClient client = Substitute.For<ServiceBusClient>();
    private readonly ServiceBusSender sender = Substitute.For<ServiceBusSender>();
    private readonly List<ServiceBusMessage> sent = [];

    public ServiceBusIntegrationEventPublisherTests()
    {
        client.CreateSender(Arg.Any<string>()).Returns(sender);
        sender.SendMessageAsync(Arg.Do<ServiceBusMessage>(sent.Add), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task An_event_is_sent_as_HMPPS_JSON_with_the_business_key_as_message_id_and_the_event_type_as_subject_and_property()
    {
        await using var services = Build(new() { ["ServiceBus:ConnectionString"] = FakeConnectionString });

        await services.GetRequiredService<IIntegrationEventPublisher>().PublishAsync(Samples.PrisonerReleased(), TestContext.Current.CancellationToken);

        var message = sent.ShouldHaveSingleItem();
        message.ContentType.ShouldBe("application/json");
        message.MessageId.ShouldBe("release:A8513EA:2024-10-14");
        message.Subject.ShouldBe("prison-offender-events.prisoner.released");
        message.ApplicationProperties.ShouldBe(new Dictionary<string, object> { ["eventType"] = "prison-offender-events.prisoner.released" });
        message.Body.ToArray().ShouldBe(DomainEventJson.Serialize(Samples.PrisonerReleased()));
        DomainEventJsonTests.ShouldBeValid(JsonNode.Parse(message.Body.ToString())!);
    }

    [Fact]
    public async Task The_callers_cancellation_token_reaches_the_sender()
    {
        await using var services = Build(new() { ["ServiceBus:ConnectionString"] = FakeConnectionString });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        await services.GetRequiredService<IIntegrationEventPublisher>().PublishAsync(Samples.PrisonerReleased(), cancellation.Token);

        await sender.Received(1).SendMessageAsync(Arg.Any<ServiceBusMessage>(), cancellation.Token);
    }

    [Fact]
    public async Task One_sender_for_the_default_topic_serves_every_publish_and_is_closed_with_the_app()
    {
        var services = Build(new() { ["ServiceBus:ConnectionString"] = FakeConnectionString });
        await using (services)
        {
            await services.GetRequiredService<IIntegrationEventPublisher>().PublishAsync(Samples.PrisonerReleased("a"), TestContext.Current.CancellationToken);
            await services.GetRequiredService<IIntegrationEventPublisher>().PublishAsync(Samples.PrisonerReleased("b"), TestContext.Current.CancellationToken);
        }

        client.Received(1).CreateSender("iom-events");
        sent.Select(message => message.MessageId).ShouldBe(["a", "b"]);
        await sender.Received(1).DisposeAsync();
    }

    [Fact]
    public async Task A_configured_topic_name_is_the_one_sent_to()
    {
        await using var services = Build(new() { ["ServiceBus:ConnectionString"] = FakeConnectionString, ["ServiceBus:TopicName"] = "iom-events-test" });

        await services.GetRequiredService<IIntegrationEventPublisher>().PublishAsync(Samples.PrisonerReleased(), TestContext.Current.CancellationToken);

        client.Received(1).CreateSender("iom-events-test");
    }

    [Fact]
    public async Task A_connection_string_or_a_namespace_makes_one_client_for_that_namespace_without_connecting()
    {
        await using var byConnectionString = Build(new() { ["ServiceBus:ConnectionString"] = FakeConnectionString }, substitute: false);
        await using var byNamespace = Build(new() { ["ServiceBus:FullyQualifiedNamespace"] = "iom-prod.servicebus.windows.net" }, substitute: false);

        byConnectionString.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace.ShouldBe("iom-test.servicebus.windows.net");
        byNamespace.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace.ShouldBe("iom-prod.servicebus.windows.net");
        byNamespace.GetRequiredService<ServiceBusClient>().ShouldBeSameAs(byNamespace.GetRequiredService<ServiceBusClient>());
    }

    [Fact]
    public async Task Start_up_validation_wants_exactly_one_of_namespace_and_connection_string()
    {
        await using var neither = Build([], substitute: false);
        await using var both = Build(new()
        {
            ["ServiceBus:ConnectionString"] = FakeConnectionString,
            ["ServiceBus:FullyQualifiedNamespace"] = "iom-prod.servicebus.windows.net",
        }, substitute: false);

        Should.Throw<OptionsValidationException>(() => neither.GetRequiredService<IStartupValidator>().Validate()).Message.ShouldContain("exactly one");
        Should.Throw<OptionsValidationException>(() => both.GetRequiredService<IStartupValidator>().Validate()).Message.ShouldContain("exactly one");
    }

    private ServiceProvider Build(Dictionary<string, string?> settings, bool substitute = true)
    {
        var collection = new ServiceCollection()
            .AddServiceBusIntegrationEventPublisher(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        if (substitute)
        {
            collection.AddSingleton(client);
        }

        return collection.BuildServiceProvider();
    }
}
