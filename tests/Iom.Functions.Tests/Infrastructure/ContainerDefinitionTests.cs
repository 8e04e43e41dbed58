using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Adapters.Cosmos;
using Iom.Application.Ports.Documents;

namespace Iom.Functions.Tests.Infrastructure;

/// <summary>The containers Bicep deploys and the containers the code creates come from one file, infra/containers.json.</summary>
public sealed class ContainerDefinitionTests
{
    [Fact]
    public async Task The_compiled_template_deploys_every_container_from_the_same_definition_the_code_embeds()
    {
        var template = await BicepTests.CompiledAsync();
        var variables = template.GetProperty("variables");

        // loadJsonContent inlines the file as a variable; the deployed containers are exactly its "containers".
        var loaded = variables.EnumerateObject().Single(v => v.Name.StartsWith("$fxv#", StringComparison.Ordinal)
            && v.Value.ValueKind == JsonValueKind.Object && v.Value.TryGetProperty("containers", out _)).Value;
        JsonNode.DeepEquals(JsonNode.Parse(loaded.GetRawText()), JsonNode.Parse(ContainerDefinition.Json)).ShouldBeTrue(
            "infra/main.bicep must load the same infra/containers.json the adapters embed.");
        variables.GetProperty("containerDefinitions").GetString().ShouldBe($"[variables('{Name(variables, loaded)}').containers]");

        var containers = BicepTests.Resources(template).Single(r => r.GetProperty("type").GetString() == "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");
        containers.GetProperty("copy").GetProperty("count").GetString().ShouldBe("[length(variables('containerDefinitions'))]");
        var resource = containers.GetProperty("properties").GetProperty("resource");
        const string Each = "[variables('containerDefinitions')[copyIndex()]";
        resource.GetProperty("id").GetString().ShouldBe(Each + ".name]");
        resource.GetProperty("partitionKey").GetProperty("paths")[0].GetString().ShouldBe(Each + ".partitionKeyPath]");
        resource.GetProperty("indexingPolicy").GetString().ShouldBe(Each + ".indexingPolicy]");
        resource.GetProperty("defaultTtl").GetString().ShouldBe(Each + ".defaultTtl]");
        resource.GetProperty("uniqueKeyPolicy").GetProperty("uniqueKeys").GetString().ShouldBe(Each + ".uniqueKeys]");
    }

    [Fact]
    public void The_cosmos_adapter_creates_each_container_the_code_uses_with_the_definitions_policy_and_ttl()
    {
        ContainerDefinition.All.Select(c => c.Name).ShouldBe(Containers.All, ignoreOrder: true);
        foreach (var definition in ContainerDefinition.All)
        {
            var properties = CosmosResources.PropertiesOf(definition);

            properties.PartitionKeyPath.ShouldBe(definition.PartitionKeyPath);
            properties.DefaultTimeToLive.ShouldBe(-1);
            properties.IndexingPolicy.IncludedPaths.Select(p => p.Path).ShouldBe(
                definition.IndexingPolicy.GetProperty("includedPaths").EnumerateArray().Select(p => p.GetProperty("path").GetString()));
            properties.IndexingPolicy.ExcludedPaths.Select(p => p.Path).ShouldBe(["/*"]);
            properties.IndexingPolicy.CompositeIndexes.Count.ShouldBe(definition.CompositeIndexes.Count);
        }
    }

    private static string Name(JsonElement variables, JsonElement value) =>
        variables.EnumerateObject().Single(v => v.Value.ValueKind == JsonValueKind.Object && v.Value.GetRawText() == value.GetRawText()).Name;
}
