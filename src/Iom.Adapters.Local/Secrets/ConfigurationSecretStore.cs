using Iom.Application.Ports.Secrets;
using Microsoft.Extensions.Configuration;

namespace Iom.Adapters.Local.Secrets;

/// <summary>
/// Secrets from configuration section "Secrets" (e.g. <c>Secrets:SendGrid-ApiKey</c>, user secrets or environment
/// variable <c>Secrets__SendGrid-ApiKey</c>). Read on every call, so a reloaded configuration is seen at once.
/// </summary>
public sealed class ConfigurationSecretStore(IConfiguration configuration) : ISecretStore
{
    public const string SectionName = "Secrets";

    public ValueTask<string> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var value = configuration.GetSection(SectionName)[name];
        return string.IsNullOrEmpty(value)
            ? throw new SecretNotFoundException(name)
            : ValueTask.FromResult(value);
    }
}
