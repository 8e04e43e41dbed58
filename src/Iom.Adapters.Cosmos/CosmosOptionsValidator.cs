using Microsoft.Extensions.Options;

namespace Iom.Adapters.Cosmos;

internal sealed class CosmosOptionsValidator : IValidateOptions<CosmosOptions>
{
    public ValidateOptionsResult Validate(string? name, CosmosOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString) == (options.AccountEndpoint is null))
        {
            return ValidateOptionsResult.Fail($"{CosmosOptions.SectionName}: set exactly one of AccountEndpoint and ConnectionString.");
        }

        Uri? endpoint;
        try
        {
            endpoint = options.Endpoint;
        }
        catch (ArgumentException)
        {
            endpoint = null;
        }

        if (endpoint is null)
        {
            return ValidateOptionsResult.Fail($"{CosmosOptions.SectionName}: the connection string has no valid AccountEndpoint.");
        }

        return options.AcceptSelfSignedCertificate && !endpoint.IsLoopback
            ? ValidateOptionsResult.Fail($"{CosmosOptions.SectionName}: AcceptSelfSignedCertificate is only allowed for a loopback endpoint, not {endpoint.Host}.")
            : ValidateOptionsResult.Success;
    }
}
