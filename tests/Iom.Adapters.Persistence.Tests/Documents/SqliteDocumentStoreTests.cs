using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Adapters.Sqlite;
using Iom.Application.Ports.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Persistence.Tests.Documents;

/// <summary>The whole document contract, commits included, on a temporary SQLite file per test.</summary>
public sealed class SqliteDocumentStoreTests : TransactionalDocumentStoreContract, IDisposable
{
    private readonly TemporarySqlite _sqlite = new((services, configuration) => services.AddSqliteDocumentStore(configuration));

    protected override IDocumentStore Store => _sqlite.Services.GetRequiredService<IDocumentStore>();

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public async Task Documents_survive_a_new_store_on_the_same_file()
    {
        var key = NewKey();
        await Store.CreateAsync(key, Zoe, Token);

        var reopened = new SqliteDocumentStore(new SqliteDatabase(_sqlite.Services.GetRequiredService<SqliteDatabase>().FilePath));

        (await reopened.ReadAsync<TestPerson>(key, Token))!.Value.ShouldBe(Zoe);
    }
}
