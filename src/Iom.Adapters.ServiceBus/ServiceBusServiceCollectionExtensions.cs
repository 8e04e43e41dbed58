using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Iom.Application.Ports.Events;
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
        services.AddSingleton<IIntegrationEventPublisher, ServiceBusIntegrationEventPublisher>();
        return services;
    }
}
