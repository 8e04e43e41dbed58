using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Application.Ports.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Persistence.Tests.Documents;

/// <summary>
/// The change feed contract against a real Cosmos DB account's change feed (which the npm server lacks): runs only when
/// COSMOS_CONNECTION holds its connection string, and is skipped otherwise.
/// </summary>
public sealed class CosmosLiveAccountDocumentChangeFeedTests : DocumentChangeFeedContract, IClassFixture<CosmosLiveAccountFixture>
{
    private readonly CosmosLiveAccountFixture _account;

    public CosmosLiveAccountDocumentChangeFeedTests(CosmosLiveAccountFixture account)
    {
        Assert.SkipUnless(account.IsConfigured, $"Live Cosmos DB test: set {CosmosLiveAccountFixture.Variable} to an account's connection string to run it.");
        _account = account;
    }

    protected override IDocumentStore Store => _account.Services.GetRequiredService<IDocumentStore>();

    protected override IDocumentChangeFeed Feed => _account.Services.GetRequiredService<IDocumentChangeFeed>();
}
