using Iom.Application.Ports.Documents;

namespace Iom.Adapters.Persistence.Tests.Documents;

/// <summary>
/// What every <see cref="IDocumentChangeFeed"/> does, whichever database is behind it: the latest version of each
/// document changed after a position, of the kinds asked for, paged, resumable from a stored position. Each test first
/// reads to the end of the feed, so it sees only its own writes even in a container other tests have written to; its
/// writes go to one partition, the unit whose order every store keeps.
/// </summary>
public abstract class DocumentChangeFeedContract
{
    protected const string Container = Containers.People;

    protected static readonly string[] Notes = [DocumentKind.Of<TestNote>()];

    protected abstract IDocumentStore Store { get; }

    protected abstract IDocumentChangeFeed Feed { get; }

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected static DocumentKey NewKey(string partition, string id) => new(Container, partition, id);

    protected static string NewPartition() => "p-" + Guid.NewGuid().ToString("N");

    /// <summary>The position at the end of the feed: nothing written so far comes back after it.</summary>
    protected async Task<string> EndOfFeedAsync()
    {
        string? position = null;
        DocumentChangePage page;
        do
        {
            page = await Feed.ReadChangesAsync(Container, null, position, DocumentChangePage.MaxItems, Token);
            position = page.Position;
        }
        while (page.MoreWaiting);

        return position;
    }

    /// <summary>Every change after <paramref name="after"/>, read in pages of <paramref name="pageSize"/>, and the position after them.</summary>
    protected async Task<(List<DocumentChange> Changes, string Position, List<DocumentChangePage> Pages)> ReadToEndAsync(
        string after, IReadOnlyCollection<string>? kinds, int pageSize = 100)
    {
        var changes = new List<DocumentChange>();
        var pages = new List<DocumentChangePage>();
        var position = after;
        DocumentChangePage page;
        do
        {
            page = await Feed.ReadChangesAsync(Container, kinds, position, pageSize, Token);
            pages.Add(page);
            changes.AddRange(page.Changes);
            position = page.Position;
        }
        while (page.MoreWaiting);

        return (changes, position, pages);
    }

    [Fact]
    public async Task Documents_written_after_a_position_come_back_oldest_first_with_key_kind_and_etag()
    {
        var start = await EndOfFeedAsync();
        var partition = NewPartition();
        var first = await Store.CreateAsync(NewKey(partition, "b-first"), new TestNote("first"), Token);
        var second = await Store.CreateAsync(NewKey(partition, "a-second"), new TestNote("second"), Token);
        var third = await Store.UpsertAsync(NewKey(partition, "c-third"), new TestNote("third"), Token);

        var (changes, _, _) = await ReadToEndAsync(start, Notes);

        changes.Select(c => c.Key).ShouldBe([first.Key, second.Key, third.Key]);
        changes.Select(c => c.ETag).ShouldBe([first.ETag, second.ETag, third.ETag]);
        changes.ShouldAllBe(c => c.Kind == "test-note");
        changes.Select(c => c.Read<TestNote>().Text).ShouldBe(["first", "second", "third"]);
    }

    [Fact]
    public async Task A_document_changed_many_times_comes_back_once_as_its_latest_version_at_the_place_of_its_last_change()
    {
        var start = await EndOfFeedAsync();
        var partition = NewPartition();
        var often = await Store.CreateAsync(NewKey(partition, "often"), new TestNote("v1"), Token);
        var once = await Store.CreateAsync(NewKey(partition, "once"), new TestNote("only"), Token);
        often = await Store.ReplaceAsync(often.Key, new TestNote("v2"), often.ETag, Token);
        often = await Store.UpsertAsync(often.Key, new TestNote("v3"), Token);

        var (changes, _, _) = await ReadToEndAsync(start, Notes);

        changes.Select(c => c.Key.Id).ShouldBe(["once", "often"]);
        changes[1].Read<TestNote>().ShouldBe(new TestNote("v3"));
        changes[1].ETag.ShouldBe(often.ETag);
        (await Store.ReadAsync<TestNote>(often.Key, Token))!.ETag.ShouldBe(changes[1].ETag);
    }

    [Fact]
    public async Task Only_the_kinds_asked_for_come_back_and_no_kinds_means_every_kind()
    {
        var start = await EndOfFeedAsync();
        var partition = NewPartition();
        await Store.CreateAsync(NewKey(partition, "note"), new TestNote("a note"), Token);
        await Store.CreateAsync(NewKey(partition, "person"), Zoe, Token);
        await Store.CreateAsync(NewKey(partition, "listing"), new TestListing("open", "2026-12-01", "2026-11-20T10:00:00Z"), Token);

        (await ReadToEndAsync(start, Notes)).Changes.Select(c => c.Key.Id).ShouldBe(["note"]);
        (await ReadToEndAsync(start, ["test-person", "test-listing"])).Changes.Select(c => c.Key.Id).ShouldBe(["person", "listing"]);
        (await ReadToEndAsync(start, null)).Changes.Select(c => c.Key.Id).ShouldBe(["note", "person", "listing"]);
        (await ReadToEndAsync(start, ["test-unstored"])).Changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pages_hold_at_most_the_items_asked_for_and_say_more_are_waiting_until_the_feed_is_caught_up()
    {
        var start = await EndOfFeedAsync();
        var partition = NewPartition();
        for (var i = 0; i < 5; i++)
        {
            await Store.CreateAsync(NewKey(partition, "n" + i), new TestNote("note " + i), Token);
        }

        var (changes, _, pages) = await ReadToEndAsync(start, Notes, pageSize: 2);

        changes.Select(c => c.Key.Id).ShouldBe(["n0", "n1", "n2", "n3", "n4"]);
        pages.ShouldAllBe(p => p.Changes.Count <= 2);
        pages[0].Changes.Count.ShouldBe(2);
        pages[0].MoreWaiting.ShouldBeTrue();
        pages[^1].MoreWaiting.ShouldBeFalse();
    }

    [Fact]
    public async Task A_position_stored_in_a_document_resumes_the_feed_after_what_was_read()
    {
        var start = await EndOfFeedAsync();
        var partition = NewPartition();
        await Store.CreateAsync(NewKey(partition, "before"), new TestNote("before"), Token);
        var (_, position, _) = await ReadToEndAsync(start, Notes);
        // A watermark document in another kind, so it is not itself one of the notes read.
        var watermark = NewKey("watermarks-" + partition, "notes");
        await Store.UpsertAsync(watermark, new TestListing(position, "", ""), Token);
        await Store.CreateAsync(NewKey(partition, "after"), new TestNote("after"), Token);

        var stored = (await Store.ReadAsync<TestListing>(watermark, Token))!.Value.Status;
        var (changes, _, _) = await ReadToEndAsync(stored, Notes);

        changes.Select(c => c.Key.Id).ShouldBe(["after"]);
    }

    [Fact]
    public async Task A_change_made_while_paging_comes_back_later_and_is_not_lost()
    {
        var start = await EndOfFeedAsync();
        var partition = NewPartition();
        var written = new List<StoredDocument<TestNote>>();
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            written.Add(await Store.CreateAsync(NewKey(partition, id), new TestNote(id + "1"), Token));
        }

        var first = await Feed.ReadChangesAsync(Container, Notes, start, 2, Token);
        // One already read and one not yet read change between the pages.
        await Store.ReplaceAsync(written[2].Key, new TestNote("c2"), written[2].ETag, Token);
        await Store.ReplaceAsync(written[0].Key, new TestNote("a2"), written[0].ETag, Token);
        var (rest, _, _) = await ReadToEndAsync(first.Position, Notes, pageSize: 2);

        first.Changes.Select(c => c.Key.Id).ShouldBe(["a", "b"]);
        rest.Select(c => (c.Key.Id, c.Read<TestNote>().Text)).ShouldBe([("d", "d1"), ("c", "c2"), ("a", "a2")]);
    }

    [Fact]
    public async Task Nothing_at_or_before_the_position_comes_back_and_a_caught_up_feed_keeps_its_place()
    {
        var start = await EndOfFeedAsync();
        var partition = NewPartition();
        await Store.CreateAsync(NewKey(partition, "old"), new TestNote("old"), Token);
        var (_, position, _) = await ReadToEndAsync(start, null);

        var again = await Feed.ReadChangesAsync(Container, null, position, 10, Token);
        await Store.CreateAsync(NewKey(partition, "new"), new TestNote("new"), Token);
        var (later, _, _) = await ReadToEndAsync(again.Position, null);

        again.Changes.ShouldBeEmpty();
        again.MoreWaiting.ShouldBeFalse();
        later.Select(c => c.Key.Id).ShouldBe(["new"]);
    }

    [Fact]
    public async Task A_deleted_document_is_not_in_the_feed()
    {
        var start = await EndOfFeedAsync();
        var partition = NewPartition();
        await Store.CreateAsync(NewKey(partition, "erased"), new TestNote("erased"), Token);
        await Store.CreateAsync(NewKey(partition, "kept"), new TestNote("kept"), Token);
        (await Store.DeleteAsync(NewKey(partition, "erased"), cancellationToken: Token)).ShouldBeTrue();

        (await ReadToEndAsync(start, null)).Changes.Select(c => c.Key.Id).ShouldBe(["kept"]);
    }

    [Fact]
    public async Task A_change_reads_as_its_own_type_and_refuses_to_be_read_as_another()
    {
        var start = await EndOfFeedAsync();
        await Store.CreateAsync(NewKey(NewPartition(), "zoe"), Zoe, Token);

        var change = (await ReadToEndAsync(start, ["test-person"])).Changes.ShouldHaveSingleItem();

        change.Read<TestPerson>().ShouldBe(Zoe);
        Should.Throw<InvalidOperationException>(() => change.Read<TestNote>());
    }

    [Fact]
    public async Task The_end_position_taken_before_a_full_pass_gives_what_changed_during_and_after_it_and_nothing_before()
    {
        var partition = NewPartition();
        var before = await Store.CreateAsync(NewKey(partition, "before"), new TestNote("before"), Token);

        var end = await Feed.EndPositionAsync(Container, Token);
        await Store.ReplaceAsync(before.Key, new TestNote("during"), before.ETag, Token);
        await Store.CreateAsync(NewKey(partition, "after"), new TestNote("after"), Token);
        var (changes, _, _) = await ReadToEndAsync(end, Notes);

        changes.Select(c => c.Read<TestNote>().Text).ShouldBe(["during", "after"]);
        (await Feed.ReadChangesAsync(Container, Notes, await Feed.EndPositionAsync(Container, Token), 10, Token)).Changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_position_that_is_altered_or_from_another_container_is_refused()
    {
        var position = await EndOfFeedAsync();

        await Should.ThrowAsync<InvalidContinuationException>(() => Feed.ReadChangesAsync(Container, null, "not-a-position", 10, Token));
        await Should.ThrowAsync<InvalidContinuationException>(() => Feed.ReadChangesAsync(Containers.Panels, null, position, 10, Token));
        await Should.ThrowAsync<InvalidContinuationException>(() => Feed.ReadChangesAsync(Container, null, ChangePosition.Wrap(Container, "{garbage"), 10, Token));
    }

    [Fact]
    public async Task A_read_refuses_a_page_size_out_of_range_and_an_empty_list_of_kinds()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Feed.ReadChangesAsync(Container, null, null, 0, Token));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Feed.ReadChangesAsync(Container, null, null, DocumentChangePage.MaxItems + 1, Token));
        await Should.ThrowAsync<ArgumentException>(() => Feed.ReadChangesAsync(Container, [], null, 10, Token));
    }

    protected static readonly TestPerson Zoe = new("Zoë Ōkubo-Ñúñez 😀 «Ω»", new DateOnly(1994, 3, 2), TestRisk.VeryHigh, 3, "中文");
}
