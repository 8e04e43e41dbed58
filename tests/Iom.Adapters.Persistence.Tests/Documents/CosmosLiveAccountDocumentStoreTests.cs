using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Application.Ports.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Persistence.Tests.Documents;

/// <summary>
/// The whole document contract, commits (TransactionalBatch) included, against a real Cosmos DB account: runs only
/// when COSMOS_CONNECTION holds its connection string, and is skipped otherwise.
/// </summary>
public sealed class CosmosLiveAccountDocumentStoreTests : TransactionalDocumentStoreContract, IClassFixture<CosmosLiveAccountFixture>
{
    private readonly CosmosLiveAccountFixture _account;

    public CosmosLiveAccountDocumentStoreTests(CosmosLiveAccountFixture account)
    {
        Assert.SkipUnless(account.IsConfigured, $"Live Cosmos DB test: set {CosmosLiveAccountFixture.Variable} to an account's connection string to run it.");
        _account = account;
    }

    protected override IDocumentStore Store => _account.Services.GetRequiredService<IDocumentStore>();
}
