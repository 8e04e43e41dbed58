using Iom.Adapters.StorageQueues;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Persistence.Tests.Servers;

/// <summary>Azurite's queue service, in memory, on a free loopback port, and the adapter registered by its DI extension.</summary>
public sealed class AzuriteQueueFixture : IAsyncLifetime
{
    // Azurite's fixed, publicly documented development account and key.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private NodeServer? _server;
    private ServiceProvider? _services;

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not started.");

    public string ConnectionString => _server is null
        ? throw new InvalidOperationException("Not started.")
        : $"AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};QueueEndpoint=http://127.0.0.1:{_server.Port}/devstoreaccount1;";

    public async ValueTask InitializeAsync()
    {
        _server = await NodeServer.StartAsync("azurite-queue", port =>
            $"--queueHost 127.0.0.1 --queuePort {port} --inMemoryPersistence --skipApiVersionCheck --disableTelemetry --silent");
        _services = TestServices.Build(
            new Dictionary<string, string?> { ["Queues:ConnectionString"] = ConnectionString },
            (services, configuration) => services.AddStorageQueues(configuration));
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
