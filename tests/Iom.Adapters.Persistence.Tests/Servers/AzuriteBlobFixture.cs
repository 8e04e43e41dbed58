namespace Iom.Adapters.Persistence.Tests.Servers;

/// <summary>Azurite's blob service, in memory, on a free loopback port.</summary>
public sealed class AzuriteBlobFixture : IAsyncLifetime
{
    // Azurite's fixed, publicly documented development account and key.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private NodeServer? _server;

    public string ConnectionString => _server is null
        ? throw new InvalidOperationException("Not started.")
        : $"AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{_server.Port}/devstoreaccount1;";

    public async ValueTask InitializeAsync() =>
        _server = await NodeServer.StartAsync("azurite-blob", port =>
            $"--blobHost 127.0.0.1 --blobPort {port} --inMemoryPersistence --skipApiVersionCheck --disableTelemetry --silent");

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
