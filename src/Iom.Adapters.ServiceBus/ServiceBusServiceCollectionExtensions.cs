using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Iom.Application.Ports.Events;
using Iom.Application.Ports.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.ServiceBus;

public static class ServiceBusServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IIntegrationEventPublisher"/> on a Service Bus topic; binds section "ServiceBus" and registers one
    /// <see cref="ServiceBusClient"/>, whose connection opens on the first publish.
    /// </summary>
    /// <param name="credential">For a namespace; defaults to <see cref="DefaultAzureCredential"/> (managed identity).</param>
    public static IServiceCollection AddServiceBusIntegrationEventPublisher(
        this IServiceCollection services, IConfiguration configuration, TokenCredential? credential = null)
    {
        AddServiceBusClient(services, configuration, credential);
        services.AddSingleton<IIntegrationEventPublisher, ServiceBusIntegrationEventPublisher>();
        return services;
    }

    /// <summary>
    /// Binds section "NationalEvents" (checked at start-up) and, when it names a queue, registers
    /// <see cref="INationalEventInbox"/> on that queue in the namespace of section "ServiceBus" (the same client as the
    /// publisher's, so the namespace is checked the same way).
    /// </summary>
    public static IServiceCollection AddServiceBusNationalEventQueue(
        this IServiceCollection services, IConfiguration configuration, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NationalEventQueueOptions>()
            .Bind(configuration.GetSection(NationalEventQueueOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (string.IsNullOrEmpty(configuration[$"{NationalEventQueueOptions.SectionName}:{nameof(NationalEventQueueOptions.ServiceBusQueue)}"]))
        {
            return services;
        }

        AddServiceBusClient(services, configuration, credential);
        services.AddSingleton<INationalEventInbox>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<NationalEventQueueOptions>>();
            var receiver = provider.GetRequiredService<ServiceBusClient>().CreateReceiver(options.Value.ServiceBusQueue, ServiceBusNationalEventInbox.ReceiverOptions);
            return new ServiceBusNationalEventInbox(receiver, options);
        });
        return services;
    }

    // One client per namespace for the app, whichever registration comes first: it holds the AMQP connection.
    private static void AddServiceBusClient(IServiceCollection services, IConfiguration configuration, TokenCredential? credential)
    {
        if (services.Any(d => d.ServiceType == typeof(ServiceBusClient)))
        {
            return;
        }

        services.AddOptions<ServiceBusPublisherOptions>()
            .Bind(configuration.GetSection(ServiceBusPublisherOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value;
            return string.IsNullOrEmpty(settings.ConnectionString)
                ? new ServiceBusClient(settings.FullyQualifiedNamespace, credential ?? new DefaultAzureCredential())
                : new ServiceBusClient(settings.ConnectionString);
        });
    }
}
