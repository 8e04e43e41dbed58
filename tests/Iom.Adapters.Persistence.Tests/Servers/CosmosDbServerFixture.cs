using Iom.Adapters.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Persistence.Tests.Servers;

/// <summary>
/// @vercel/cosmosdb-server over HTTPS, behind <see cref="CosmosServerGapProxy"/>, and the Cosmos adapter registered by its
/// own DI extension against the proxy (one client for the whole test class, as in the app).
/// </summary>
public sealed class CosmosDbServerFixture : IAsyncLifetime
{
    // The server does not check keys; the SDK needs a well-formed one (64 zero bytes, base64).
    private static readonly string AnyKey = Convert.ToBase64String(new byte[64]);

    private NodeServer? _server;
    private CosmosServerGapProxy? _proxy;
    private ServiceProvider? _services;

    public CosmosServerGapProxy Proxy => _proxy ?? throw new InvalidOperationException("Not started.");

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not started.");

    /// <summary>The connection string of the proxy, which is what the adapter under test talks to.</summary>
    public string ConnectionString => $"AccountEndpoint={Proxy.Address};AccountKey={AnyKey};";

    /// <summary>The adapter's settings for this server; tests add or override keys.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Cosmos:ConnectionString"] = ConnectionString,
        ["Cosmos:CreateResourcesIfNotExists"] = "true",
        ["Cosmos:AcceptSelfSignedCertificate"] = "true",
    };

    public static ServiceProvider BuildServices(IDictionary<string, string?> settings) =>
        TestServices.Build(settings, (services, configuration) => services.AddCosmosDocumentStore(configuration));

    public async ValueTask InitializeAsync()
    {
        _server = await NodeServer.StartAsync("cosmosdb-server", port => $"-p {port} --host 127.0.0.1");
        var package = Path.Combine(NodeServer.RepositoryRoot, "node_modules", "@vercel", "cosmosdb-server");
        _proxy = await CosmosServerGapProxy.StartAsync(
            new Uri($"https://127.0.0.1:{_server.Port}/"), Path.Combine(package, "cert.pem"), Path.Combine(package, "key.pem"));
        _services = BuildServices(Settings());
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
