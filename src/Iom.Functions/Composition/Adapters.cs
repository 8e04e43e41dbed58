using Iom.Adapters.Blobs;
using Iom.Adapters.Cosmos;
using Iom.Adapters.KeyVault;
using Iom.Adapters.Local;
using Iom.Adapters.SendGrid;
using Iom.Adapters.ServiceBus;
using Iom.Adapters.Sqlite;
using Iom.Adapters.StorageQueues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Composition;

/// <summary>
/// Chooses the adapter for each port from configuration; Azure is the default and the local host sets the
/// embedded ones. An unknown provider name stops the app at start-up rather than failing on first use.
/// </summary>
internal static class Adapters
{
    public static void AddAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        switch (Provider(configuration, "Documents", "Cosmos"))
        {
            case "Cosmos": services.AddCosmosDocumentStore(configuration); break;
            case "Sqlite": services.AddSqliteDocumentStore(configuration); break;
            case var other: throw Unknown("Documents", other, "Cosmos", "Sqlite");
        }

        switch (QueueProvider(configuration))
        {
            case "AzureStorage":
                services.AddStorageQueues(configuration);
                // The queue triggers read AzureWebJobsStorage; sending to the same account keeps one source of truth.
                services.PostConfigure<StorageQueueOptions>(o =>
                {
                    if (o.ServiceUri is null && string.IsNullOrWhiteSpace(o.ConnectionString))
                    {
                        o.ConnectionString = configuration["AzureWebJobsStorage"];
                    }
                });
                break;
            case "Embedded": services.AddSqliteQueue(configuration); break;
            case var other: throw Unknown("Queues", other, "AzureStorage", "Embedded");
        }

        switch (Provider(configuration, "Mail", "SendGrid"))
        {
            case "SendGrid":
                services.AddSendGridMailSender(configuration);
                // Only SendGrid reports deliveries: without its webhook key, bounces go unnoticed (degraded, said publicly).
                services.AddHealthChecks().AddCheck<Mail.MailEventsHealthCheck>(Mail.MailEventsHealthCheck.Name, tags: [Http.AuthenticationFrontEndHealthCheck.PublicReasonTag]);
                break;
            case "Outbox": services.AddOutboxFolderMailSender(configuration); break;
            case var other: throw Unknown("Mail", other, "SendGrid", "Outbox");
        }

        switch (Provider(configuration, "Secrets", "KeyVault"))
        {
            case "KeyVault": services.AddKeyVaultSecretStore(configuration); break;
            case "Configuration": services.AddConfigurationSecretStore(configuration); break;
            case var other: throw Unknown("Secrets", other, "KeyVault", "Configuration");
        }

        switch (Provider(configuration, "AuditAnchors", "Blob"))
        {
            case "Blob":
                services.AddBlobAuditAnchors(configuration);
                // The Functions storage account unless another is named: its blob endpoint, or Azurite's.
                services.PostConfigure<BlobAuditAnchorOptions>(o =>
                {
                    if (o.ServiceUri is null && string.IsNullOrWhiteSpace(o.ConnectionString))
                    {
                        o.ConnectionString = configuration["AzureWebJobsStorage"];
                        if (string.IsNullOrWhiteSpace(o.ConnectionString) && configuration["AzureWebJobsStorage:accountName"] is { Length: > 0 } account)
                        {
                            o.ServiceUri = new Uri($"https://{account}.blob.core.windows.net/");
                        }
                    }
                });
                break;
            case "File": services.AddLocalAuditAnchorFile(configuration); break;
            case var other: throw Unknown("AuditAnchors", other, "Blob", "File");
        }

        switch (Provider(configuration, "Events", "ServiceBus"))
        {
            case "ServiceBus": services.AddServiceBusIntegrationEventPublisher(configuration); break;
            case "Folder": services.AddFolderIntegrationEventPublisher(configuration); break;
            case var other: throw Unknown("Events", other, "ServiceBus", "Folder");
        }

        // In Azure, national events also arrive on a Service Bus queue (NationalEvents:ServiceBusQueue, set by the
        // Bicep); where none is named (the local host), by the storage queue and the relay door alone.
        services.AddServiceBusNationalEventQueue(configuration);
    }

    /// <summary>
    /// Queues live in Azure Storage whenever a storage account is configured (AzureWebJobsStorage, which Azurite
    /// also answers to); otherwise in the embedded store.
    /// </summary>
    private static string QueueProvider(IConfiguration configuration)
    {
        var configured = configuration["Queues:Provider"];
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var hasAccount = !string.IsNullOrEmpty(configuration["AzureWebJobsStorage"])
                         || !string.IsNullOrEmpty(configuration["AzureWebJobsStorage:accountName"])
                         || !string.IsNullOrEmpty(configuration["Queues:ConnectionString"])
                         || !string.IsNullOrEmpty(configuration["Queues:ServiceUri"]);
        return hasAccount ? "AzureStorage" : "Embedded";
    }

    private static string Provider(IConfiguration configuration, string section, string azureDefault) =>
        configuration[$"{section}:Provider"] is { Length: > 0 } configured ? configured : azureDefault;

    private static InvalidOperationException Unknown(string section, string value, params string[] known) =>
        new($"{section}:Provider is '{value}'; it must be one of {string.Join(", ", known)}.");
}
