using Iom.Application.Ports.Documents;

namespace Iom.Adapters.Persistence.Tests.Documents;

/// <summary>
/// <see cref="IDocumentStore.CommitAsync"/>: all writes of a partition or none. A separate layer of the contract
/// because the local Cosmos DB server cannot run a transactional batch (see README.md): SQLite and a live account run it.
/// </summary>
public abstract class TransactionalDocumentStoreContract : DocumentStoreContract
{
    [Fact]
    public async Task Commit_applies_creates_replaces_upserts_and_deletes_together()
    {
        var key = NewKey("replaced");
        var replaced = await Store.CreateAsync(key, Zoe, Token);
        var deleted = await Store.CreateAsync(key with { Id = "deleted" }, new TestNote("gone soon"), Token);

        await Store.CommitAsync(key.Container, key.Partition,
        [
            DocumentWrite.Create("created", new TestNote("new")),
            DocumentWrite.Replace("replaced", Zoe with { Visits = 4 }, replaced.ETag),
            DocumentWrite.Upsert("upserted", new TestNote("upserted")),
            DocumentWrite.Delete("deleted", deleted.ETag),
        ], Token);

        (await Store.ReadAsync<TestNote>(key with { Id = "created" }, Token))!.Value.Text.ShouldBe("new");
        (await Store.ReadAsync<TestPerson>(key, Token))!.Value.Visits.ShouldBe(4);
        (await Store.ReadAsync<TestNote>(key with { Id = "upserted" }, Token))!.Value.Text.ShouldBe("upserted");
        (await Store.ReadAsync<TestNote>(key with { Id = "deleted" }, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task Commit_with_a_conflicting_create_applies_none_of_its_writes()
    {
        var key = NewKey("existing");
        var existing = await Store.CreateAsync(key, Zoe, Token);

        var conflict = await Should.ThrowAsync<DocumentConflictException>(() => Store.CommitAsync(key.Container, key.Partition,
        [
            DocumentWrite.Replace("existing", Zoe with { Visits = 4 }, existing.ETag),
            DocumentWrite.Create("audit", new TestNote("changed")),
            DocumentWrite.Create("existing", Zoe with { Visits = 5 }),
        ], Token));

        conflict.Key.ShouldBe(key);
        var read = await Store.ReadAsync<TestPerson>(key, Token);
        read!.Value.Visits.ShouldBe(3);
        read.ETag.ShouldBe(existing.ETag);
        (await Store.ReadAsync<TestNote>(key with { Id = "audit" }, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task Commit_with_a_stale_etag_applies_none_of_its_writes()
    {
        var key = NewKey("person");
        var created = await Store.CreateAsync(key, Zoe, Token);
        await Store.ReplaceAsync(key, Zoe with { Visits = 4 }, created.ETag, Token);

        await Should.ThrowAsync<DocumentPreconditionFailedException>(() => Store.CommitAsync(key.Container, key.Partition,
        [
            DocumentWrite.Create("audit", new TestNote("changed")),
            DocumentWrite.Replace("person", Zoe with { Visits = 5 }, created.ETag),
        ], Token));

        (await Store.ReadAsync<TestPerson>(key, Token))!.Value.Visits.ShouldBe(4);
        (await Store.ReadAsync<TestNote>(key with { Id = "audit" }, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task Commit_deleting_a_missing_document_is_not_found_and_applies_none_of_its_writes()
    {
        var key = NewKey("missing");

        await Should.ThrowAsync<DocumentNotFoundException>(() => Store.CommitAsync(key.Container, key.Partition,
        [
            DocumentWrite.Create("audit", new TestNote("changed")),
            DocumentWrite.Delete("missing"),
        ], Token));

        (await Store.ReadAsync<TestNote>(key with { Id = "audit" }, Token)).ShouldBeNull();
    }
}
