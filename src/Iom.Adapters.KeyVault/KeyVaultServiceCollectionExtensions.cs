using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Iom.Application.Ports.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.KeyVault;

public static class KeyVaultServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ISecretStore"/> on Key Vault; binds section "KeyVault", registers one <see cref="SecretClient"/> and
    /// health check "keyvault".
    /// </summary>
    /// <param name="credential">Defaults to <see cref="DefaultAzureCredential"/> (the managed identity in Azure).</param>
    /// <param name="configureClient">Client options, e.g. a test transport.</param>
    public static IServiceCollection AddKeyVaultSecretStore(
        this IServiceCollection services,
        IConfiguration configuration,
        TokenCredential? credential = null,
        Action<SecretClientOptions>? configureClient = null)
    {
        services.AddOptions<KeyVaultOptions>()
            .Bind(configuration.GetSection(KeyVaultOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var clientOptions = new SecretClientOptions();
            configureClient?.Invoke(clientOptions);
            return new SecretClient(
                provider.GetRequiredService<IOptions<KeyVaultOptions>>().Value.VaultUri,
                credential ?? new DefaultAzureCredential(),
                clientOptions);
        });
        services.AddSingleton<ISecretStore, KeyVaultSecretStore>();
        services.AddHealthChecks().AddCheck<KeyVaultHealthCheck>("keyvault");
        return services;
    }
}
