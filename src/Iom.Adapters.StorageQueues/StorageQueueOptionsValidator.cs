using Microsoft.Extensions.Options;

namespace Iom.Adapters.StorageQueues;

internal sealed class StorageQueueOptionsValidator : IValidateOptions<StorageQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageQueueOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString) == (options.ServiceUri is null)
            ? ValidateOptionsResult.Fail($"{StorageQueueOptions.SectionName}: set exactly one of ConnectionString and ServiceUri.")
            : ValidateOptionsResult.Success;
}
