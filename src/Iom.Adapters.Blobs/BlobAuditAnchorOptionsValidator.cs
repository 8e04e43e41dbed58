using Microsoft.Extensions.Options;

namespace Iom.Adapters.Blobs;

internal sealed class BlobAuditAnchorOptionsValidator : IValidateOptions<BlobAuditAnchorOptions>
{
    public ValidateOptionsResult Validate(string? name, BlobAuditAnchorOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString) == (options.ServiceUri is null)
            ? ValidateOptionsResult.Fail($"{BlobAuditAnchorOptions.SectionName}: set exactly one of ConnectionString and ServiceUri.")
            : string.IsNullOrWhiteSpace(options.ContainerName)
                ? ValidateOptionsResult.Fail($"{BlobAuditAnchorOptions.SectionName}: ContainerName is empty.")
                : ValidateOptionsResult.Success;
}
