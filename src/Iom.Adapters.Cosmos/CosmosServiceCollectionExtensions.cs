using System.Net.Security;
using Azure.Identity;
using Iom.Application.Ports.Documents;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.Cosmos;

public static class CosmosServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IDocumentStore"/> and <see cref="IDocumentChangeFeed"/> on the Cosmos DB account configured in section "Cosmos".</summary>
    public static IServiceCollection AddCosmosDocumentStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CosmosOptions>()
            .Bind(configuration.GetSection(CosmosOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CosmosOptions>, CosmosOptionsValidator>();
        services.AddSingleton(sp => CreateClient(sp.GetRequiredService<IOptions<CosmosOptions>>().Value));
        services.AddSingleton<CosmosResources>();
        services.AddSingleton<IDocumentStore, CosmosDocumentStore>();
        services.AddSingleton<IDocumentChangeFeed, CosmosDocumentChangeFeed>();
        services.AddHealthChecks().AddCheck<CosmosHealthCheck>("cosmos");
        return services;
    }

    private static CosmosClient CreateClient(CosmosOptions options)
    {
        var endpoint = options.Endpoint!;
        var clientOptions = new CosmosClientOptions
        {
            // The adapter writes and reads streams and returns the value it was given: no need to send it back.
            EnableContentResponseOnWrite = false,
        };
        if (endpoint.IsLoopback)
        {
            // A local server speaks only the gateway protocol, and only at the address it was given (it advertises others).
            clientOptions.ConnectionMode = ConnectionMode.Gateway;
            clientOptions.LimitToEndpoint = true;
        }

        if (options.AcceptSelfSignedCertificate)
        {
            // Only a certificate that signs itself gets past a failed check (the local server's is also long expired);
            // the validator has made sure this is a loopback endpoint.
            clientOptions.HttpClientFactory = () => new HttpClient(new SocketsHttpHandler
            {
                SslOptions =
                {
                    RemoteCertificateValidationCallback = static (_, certificate, _, errors) =>
                        errors == SslPolicyErrors.None || (certificate is not null && certificate.Subject == certificate.Issuer),
                },
            });
        }

        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new CosmosClient(endpoint.ToString(), new DefaultAzureCredential(), clientOptions)
            : new CosmosClient(options.ConnectionString, clientOptions);
    }
}
