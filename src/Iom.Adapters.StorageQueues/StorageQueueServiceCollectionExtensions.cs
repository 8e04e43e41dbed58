using Azure.Identity;
using Azure.Storage.Queues;
using Iom.Application.Ports.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.StorageQueues;

public static class StorageQueueServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IQueueSender"/> and <see cref="IQueueReceiver"/> on the account configured in section "Queues".</summary>
    public static IServiceCollection AddStorageQueues(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageQueueOptions>()
            .Bind(configuration.GetSection(StorageQueueOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageQueueOptions>, StorageQueueOptionsValidator>();
        services.AddSingleton(sp => CreateClient(sp.GetRequiredService<IOptions<StorageQueueOptions>>().Value));
        services.AddSingleton<StorageQueue>();
        services.AddSingleton<IQueueSender>(sp => sp.GetRequiredService<StorageQueue>());
        services.AddSingleton<IQueueReceiver>(sp => sp.GetRequiredService<StorageQueue>());
        services.AddHealthChecks().AddCheck<StorageQueueHealthCheck>("storage-queues");
        return services;
    }

    private static QueueServiceClient CreateClient(StorageQueueOptions options)
    {
        // Base64 is what the Functions queue trigger decodes.
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new QueueServiceClient(options.ServiceUri, new DefaultAzureCredential(), clientOptions)
            : new QueueServiceClient(options.ConnectionString, clientOptions);
    }
}
