using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Persistence.Tests.Servers;

/// <summary>
/// A real Cosmos DB account from COSMOS_CONNECTION. The tests get a database of their own, created by the adapter
/// (CreateResourcesIfNotExists) and deleted afterwards.
/// </summary>
public sealed class CosmosLiveAccountFixture : IAsyncLifetime
{
    public const string Variable = "COSMOS_CONNECTION";

    private readonly string? _connectionString = Environment.GetEnvironmentVariable(Variable);
    private readonly string _databaseName = "iom-contract-tests-" + Guid.NewGuid().ToString("N");
    private ServiceProvider? _services;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_connectionString);

    public IServiceProvider Services => _services ?? throw new InvalidOperationException($"{Variable} is not set.");

    public ValueTask InitializeAsync()
    {
        if (IsConfigured)
        {
            _services = CosmosDbServerFixture.BuildServices(new Dictionary<string, string?>
            {
                ["Cosmos:ConnectionString"] = _connectionString,
                ["Cosmos:DatabaseName"] = _databaseName,
                ["Cosmos:CreateResourcesIfNotExists"] = "true",
            });
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is null)
        {
            return;
        }

        // A 404 (no test got far enough to create the database) needs no cleaning up either.
        (await _services.GetRequiredService<CosmosClient>().GetDatabase(_databaseName).DeleteStreamAsync()).Dispose();

        await _services.DisposeAsync();
    }
}
