using Iom.Application.Ports.Documents;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.Cosmos;

/// <summary>The account's database and containers; creates them on first use when configured to.</summary>
public sealed class CosmosResources(CosmosClient client, IOptions<CosmosOptions> options)
{
    public const string PartitionKeyPath = "/pk";

    private readonly CosmosOptions _options = options.Value;
    private Task? _created;

    public Database Database => client.GetDatabase(_options.DatabaseName);

    public async Task<Container> ContainerAsync(string name, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return client.GetContainer(_options.DatabaseName, name);
    }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_options.CreateResourcesIfNotExists)
        {
            return Task.CompletedTask;
        }

        // Shared by every caller, so it runs without any one caller's token; a failed attempt is retried by the next
        // caller. Two callers racing both create: "if not exists" makes that harmless.
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _created = CreateAsync();
        }

        return created.WaitAsync(cancellationToken);
    }

    private async Task CreateAsync()
    {
        Database database = await client.CreateDatabaseIfNotExistsAsync(_options.DatabaseName).ConfigureAwait(false);
        foreach (var container in Containers.All)
        {
            await database.CreateContainerIfNotExistsAsync(PropertiesOf(ContainerDefinition.Of(container))).ConfigureAwait(false);
        }
    }

    /// <summary>A container as infra/containers.json defines it (the same definition infra/main.bicep deploys).</summary>
    public static ContainerProperties PropertiesOf(ContainerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var properties = new ContainerProperties(definition.Name, definition.PartitionKeyPath)
        {
            DefaultTimeToLive = definition.DefaultTtl,
            // The SDK's own types are Newtonsoft-serialisable in the REST shape the file is written in.
            IndexingPolicy = Newtonsoft.Json.JsonConvert.DeserializeObject<IndexingPolicy>(definition.IndexingPolicy.GetRawText())!,
        };
        foreach (var uniqueKey in Newtonsoft.Json.JsonConvert.DeserializeObject<List<UniqueKey>>(definition.UniqueKeys.GetRawText())!)
        {
            properties.UniqueKeyPolicy.UniqueKeys.Add(uniqueKey);
        }

        return properties;
    }
}
