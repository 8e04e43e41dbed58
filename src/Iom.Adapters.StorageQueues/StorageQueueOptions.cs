using Microsoft.Extensions.Options;

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

internal sealed class StorageQueueOptionsValidator : IValidateOptions<StorageQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageQueueOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString) == (options.ServiceUri is null)
            ? ValidateOptionsResult.Fail($"{StorageQueueOptions.SectionName}: set exactly one of ConnectionString and ServiceUri.")
            : ValidateOptionsResult.Success;
}
