using Iom.Adapters.Cosmos;
using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Application.Ports.Documents;
using Microsoft.Azure.Cosmos;

namespace Iom.Adapters.Persistence.Tests.Documents;

/// <summary>
/// The change feed contract on the Cosmos adapter over a <b>substitute</b> container
/// (<see cref="SubstituteCosmosChangeFeedContainer"/>): the npm Cosmos DB server has no change feed, so this proves the
/// adapter's mapping (iterator mode, tokens, kind filter, paging) against the feed's documented rules, not the service.
/// The same contract runs against a real account in <see cref="CosmosLiveAccountDocumentChangeFeedTests"/>.
/// </summary>
public sealed class CosmosSubstituteDocumentChangeFeedTests : DocumentChangeFeedContract
{
    private readonly Dictionary<string, SubstituteCosmosChangeFeedContainer> _containers =
        Containers.All.ToDictionary(name => name, name => new SubstituteCosmosChangeFeedContainer(name));

    public CosmosSubstituteDocumentChangeFeedTests()
    {
        Feed = new CosmosDocumentChangeFeed((name, _) => Task.FromResult(_containers[name].Container));
    }

    private SubstituteCosmosChangeFeedContainer People => _containers[Containers.People];

    protected override IDocumentStore Store => People.Store;

    protected override IDocumentChangeFeed Feed { get; }

    [Fact]
    public async Task On_a_substitute_container_the_adapter_reads_the_latest_version_feed_from_the_beginning_then_from_the_token_it_was_given()
    {
        await Store.CreateAsync(NewKey("p-1", "a"), new TestNote("a"), Token);

        var first = await Feed.ReadChangesAsync(Container, null, null, 10, Token);
        await Feed.ReadChangesAsync(Container, null, first.Position, 10, Token);

        People.Requests.ShouldAllBe(r => r.Mode == ChangeFeedMode.LatestVersion);
        // The first call's first feed page held the item and its second was a 304; the next call starts from that token.
        People.Requests.Select(r => r.Token).ShouldBe([null, "lsn:1", "lsn:1"]);
        ChangePosition.Unwrap(Container, first.Position).ShouldBe("lsn:1");
    }

    [Fact]
    public async Task On_a_substitute_container_each_read_of_the_feed_asks_only_for_the_room_left_in_the_page()
    {
        for (var i = 0; i < 3; i++)
        {
            await Store.CreateAsync(NewKey("p-1", "note-" + i), new TestNote("n"), Token);
            await Store.CreateAsync(NewKey("p-1", "person-" + i), Zoe, Token);
        }

        var page = await Feed.ReadChangesAsync(Container, Notes, null, 3, Token);

        page.Changes.Select(c => c.Key.Id).ShouldBe(["note-0", "note-1", "note-2"]);
        People.Requests.Select(r => r.PageSizeHint).ShouldBe([3, 1, 1]);
        page.MoreWaiting.ShouldBeTrue();
    }

    [Fact]
    public async Task On_a_substitute_container_a_read_that_finds_only_other_kinds_stops_after_a_bounded_number_of_feed_pages_and_says_more_are_waiting()
    {
        for (var i = 0; i < CosmosDocumentChangeFeed.MaxFeedPagesPerRead + 5; i++)
        {
            await Store.CreateAsync(NewKey("p-1", "person-" + i), Zoe, Token);
        }

        var page = await Feed.ReadChangesAsync(Container, Notes, null, 1, Token);
        var rest = await ReadToEndAsync(page.Position, null);

        page.Changes.ShouldBeEmpty();
        page.MoreWaiting.ShouldBeTrue();
        People.Requests.Count.ShouldBeGreaterThanOrEqualTo(CosmosDocumentChangeFeed.MaxFeedPagesPerRead);
        // It moved past what it skipped: reading on gives only what it had not reached.
        rest.Changes.Count.ShouldBe(5);
    }

    [Fact]
    public async Task On_a_substitute_container_a_commit_bigger_than_the_page_comes_whole_because_the_feed_never_splits_one()
    {
        await Store.CommitAsync(Container, "p-1", [.. Enumerable.Range(0, 5).Select(i => DocumentWrite.Create("n" + i, new TestNote("n" + i)))], Token);

        var page = await Feed.ReadChangesAsync(Container, null, null, 2, Token);

        page.Changes.Count.ShouldBe(5);
    }
}
