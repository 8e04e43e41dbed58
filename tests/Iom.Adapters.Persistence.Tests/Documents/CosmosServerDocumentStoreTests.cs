using System.Text.Json;
using Iom.Adapters.Cosmos;
using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Application.Ports.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Persistence.Tests.Documents;

/// <summary>
/// The document contract without commits, on @vercel/cosmosdb-server (behind the gap proxy, see README.md),
/// through the adapter's own DI registration. Commits run in <see cref="CosmosLiveAccountDocumentStoreTests"/>.
/// </summary>
public sealed class CosmosServerDocumentStoreTests(CosmosDbServerFixture server) : DocumentStoreContract, IClassFixture<CosmosDbServerFixture>
{
    protected override IDocumentStore Store => server.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task An_id_Cosmos_cannot_address_is_refused_before_anything_is_written()
    {
        var key = NewKey("pnc:2012/0052494Q");

        await Should.ThrowAsync<ArgumentException>(() => Store.CreateAsync(key, Zoe, Token));

        (await Store.ReadPartitionAsync<TestPerson>(key.Container, key.Partition, Token).ToListAsync(Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_server_still_answers_a_missing_item_read_with_500_which_the_proxy_turns_into_404()
    {
        var before = server.Proxy.RewrittenCount;

        (await Store.ReadAsync<TestPerson>(NewKey(), Token)).ShouldBeNull();

        // When this fails the server has been fixed and the proxy can go (README.md).
        server.Proxy.RewrittenCount.ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task The_server_still_cannot_plan_a_cross_partition_query_which_the_proxy_plans_instead()
    {
        var before = server.Proxy.PlansAnsweredCount;

        (await Store.ReadKindAsync<TestUnstored>(Containers.People, Token).ToListAsync(Token)).ShouldBeEmpty();

        // When this fails the server plans queries itself and the proxy's planning can go (README.md).
        server.Proxy.PlansAnsweredCount.ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task An_expiring_document_is_stored_with_its_ttl_in_a_container_whose_default_ttl_lets_items_expire()
    {
        // The server keeps ttl but never expires anything (README.md): that the item carries it, and the container
        // honours it, is what can be checked here; expiry itself is the live account's (and SQLite's) test.
        var key = NewKey("expiring");
        await Store.CreateAsync(key, new TestExpiring("a window", TimeSpan.FromSeconds(90)), Token);
        var container = await server.Services.GetRequiredService<CosmosResources>().ContainerAsync(key.Container, Token);

        using var item = await container.ReadItemStreamAsync(key.Id, new Microsoft.Azure.Cosmos.PartitionKey(key.Partition), cancellationToken: Token);
        using var json = await JsonDocument.ParseAsync(item.Content, cancellationToken: Token);

        json.RootElement.GetProperty("ttl").GetInt32().ShouldBe(90);
        CosmosResources.PropertiesOf(ContainerDefinition.Of(key.Container)).DefaultTimeToLive.ShouldBe(-1);
    }
}
