namespace Iom.Adapters.StorageQueues;

/// <summary>Configuration section "Queues": which storage account holds the queues. Give exactly one of the two.</summary>
public sealed class StorageQueueOptions
{
    public const string SectionName = "Queues";

    /// <summary>A storage connection string, e.g. "UseDevelopmentStorage=true" for Azurite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's queue endpoint (https://ACCOUNT.queue.core.windows.net), reached with managed identity.</summary>
    public Uri? ServiceUri { get; set; }
}
