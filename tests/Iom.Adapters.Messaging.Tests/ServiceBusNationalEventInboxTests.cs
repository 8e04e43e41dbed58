using Azure.Messaging.ServiceBus;
using Iom.Adapters.ServiceBus;
using Iom.Application.Ports.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace Iom.Adapters.Messaging.Tests;

/// <summary>
/// How the national events inbox is registered. No Service Bus broker runs here: the SDK's client and receiver are
/// substituted; the drain itself is tested through the function app (NationalEventServiceBusDrainTests).
/// </summary>
public sealed class ServiceBusNationalEventInboxTests
{
    private const string FakeConnectionString =
        "Endpoint=sb://iom-test.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=bm90LWEta2V5";

    private readonly ServiceBusClient client = Substitute.For<ServiceBusClient>();
    private readonly ServiceBusReceiver receiver = Substitute.For<ServiceBusReceiver>();

    [Fact]
    public async Task Without_a_queue_name_no_inbox_and_no_client_are_registered_so_nothing_is_drained()
    {
        var services = new ServiceCollection().AddServiceBusNationalEventQueue(Configuration([]));
        await using var provider = services.BuildServiceProvider();

        provider.GetService<INationalEventInbox>().ShouldBeNull();
        services.ShouldNotContain(d => d.ServiceType == typeof(ServiceBusClient));
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task With_a_queue_name_the_inbox_receives_from_it_in_peek_lock_without_prefetch_with_a_substitute_client()
    {
        ServiceBusReceiverOptions? opened = null;
        client.CreateReceiver("prison-events", Arg.Do<ServiceBusReceiverOptions>(o => opened = o)).Returns(receiver);
        var configuration = Configuration(new() { ["ServiceBus:ConnectionString"] = FakeConnectionString, ["NationalEvents:ServiceBusQueue"] = "prison-events" });
        await using var provider = new ServiceCollection().AddServiceBusNationalEventQueue(configuration).AddSingleton(client).BuildServiceProvider();

        provider.GetRequiredService<INationalEventInbox>().ShouldBeOfType<ServiceBusNationalEventInbox>();

        opened.ShouldNotBeNull();
        (opened.ReceiveMode, opened.PrefetchCount).ShouldBe((ServiceBusReceiveMode.PeekLock, 0));
    }

    [Fact]
    public void The_publisher_and_the_inbox_share_one_client_for_the_namespace()
    {
        var configuration = Configuration(new() { ["ServiceBus:FullyQualifiedNamespace"] = "iom-prod.servicebus.windows.net", ["NationalEvents:ServiceBusQueue"] = "prison-events" });

        var services = new ServiceCollection()
            .AddServiceBusIntegrationEventPublisher(configuration)
            .AddServiceBusNationalEventQueue(configuration);

        services.Count(d => d.ServiceType == typeof(ServiceBusClient)).ShouldBe(1);
    }

    [Theory]
    [InlineData("0", "MaxMessagesPerRun")]
    [InlineData("101", "MaxMessagesPerRun")]
    public async Task A_batch_size_out_of_range_stops_the_start(string size, string named)
    {
        await using var provider = new ServiceCollection().AddServiceBusNationalEventQueue(Configuration(new() { ["NationalEvents:MaxMessagesPerRun"] = size })).BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate()).Message.ShouldContain(named);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
