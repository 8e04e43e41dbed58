using System.Collections.Concurrent;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Iom.Application.Ports.Secrets;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.KeyVault;

/// <summary>
/// Secrets from Azure Key Vault (latest version), each kept for <see cref="KeyVaultOptions.CacheSeconds"/>: the vault is
/// not asked on every send, and a rotated value is picked up once the cached one expires, without a restart.
/// </summary>
public sealed class KeyVaultSecretStore(SecretClient client, IOptions<KeyVaultOptions> options, TimeProvider timeProvider)
    : ISecretStore
{
    private readonly TimeSpan lifetime = TimeSpan.FromSeconds(options.Value.CacheSeconds);
    private readonly ConcurrentDictionary<string, (string Value, DateTimeOffset Expires)> cache = new(StringComparer.Ordinal);

    public async ValueTask<string> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (cache.TryGetValue(name, out var cached) && timeProvider.GetUtcNow() < cached.Expires)
        {
            return cached.Value;
        }

        KeyVaultSecret secret;
        try
        {
            secret = (await client.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            throw new SecretNotFoundException(name, exception);
        }

        cache[name] = (secret.Value, timeProvider.GetUtcNow() + lifetime);
        return secret.Value;
    }
}
