using Iom.Application.Ports.Documents;

namespace Iom.Adapters.Persistence.Tests.Documents;

/// <summary>
/// What every <see cref="IDocumentStore"/> does, whichever database is behind it. Each test works in a partition of
/// its own, so the tests of one class can share one server.
/// </summary>
public abstract class DocumentStoreContract
{
    protected static readonly TestPerson Zoe = new("Zoë Ōkubo-Ñúñez 😀 «Ω»", new DateOnly(1994, 3, 2), TestRisk.VeryHigh, 3, "中文");

    protected abstract IDocumentStore Store { get; }

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected static DocumentKey NewKey(string id = "person") => new(Containers.People, "p-" + Guid.NewGuid().ToString("N"), id);

    [Fact]
    public async Task A_created_document_reads_back_equal_with_the_etag_the_create_returned()
    {
        var key = NewKey("zoë-😀");

        var created = await Store.CreateAsync(key, Zoe, Token);
        var read = await Store.ReadAsync<TestPerson>(key, Token);

        read.ShouldNotBeNull();
        read.Key.ShouldBe(key);
        read.Value.ShouldBe(Zoe);
        read.ETag.ShouldNotBeNullOrEmpty();
        read.ETag.ShouldBe(created.ETag);
    }

    [Fact]
    public async Task Creating_the_same_id_twice_is_a_conflict_and_keeps_the_first_document()
    {
        var key = NewKey();
        var first = await Store.CreateAsync(key, Zoe, Token);

        var conflict = await Should.ThrowAsync<DocumentConflictException>(() => Store.CreateAsync(key, Zoe with { Visits = 99 }, Token));

        conflict.Key.ShouldBe(key);
        var read = await Store.ReadAsync<TestPerson>(key, Token);
        read!.Value.Visits.ShouldBe(3);
        read.ETag.ShouldBe(first.ETag);
    }

    [Fact]
    public async Task The_same_id_in_two_partitions_is_two_documents()
    {
        var key = NewKey();
        var other = key with { Partition = key.Partition + "-other" };

        await Store.CreateAsync(key, Zoe, Token);
        await Store.CreateAsync(other, Zoe with { Visits = 7 }, Token);

        (await Store.ReadAsync<TestPerson>(key, Token))!.Value.Visits.ShouldBe(3);
        (await Store.ReadAsync<TestPerson>(other, Token))!.Value.Visits.ShouldBe(7);
    }

    [Fact]
    public async Task Replace_with_the_current_etag_stores_the_new_value_under_a_new_etag()
    {
        var key = NewKey();
        var created = await Store.CreateAsync(key, Zoe, Token);

        var replaced = await Store.ReplaceAsync(key, Zoe with { Visits = 4, Nickname = null }, created.ETag, Token);

        replaced.ETag.ShouldNotBe(created.ETag);
        var read = await Store.ReadAsync<TestPerson>(key, Token);
        read!.Value.ShouldBe(Zoe with { Visits = 4, Nickname = null });
        read.ETag.ShouldBe(replaced.ETag);
    }

    [Fact]
    public async Task Replace_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var key = NewKey();
        var created = await Store.CreateAsync(key, Zoe, Token);
        var current = await Store.ReplaceAsync(key, Zoe with { Visits = 4 }, created.ETag, Token);

        var refused = await Should.ThrowAsync<DocumentPreconditionFailedException>(
            () => Store.ReplaceAsync(key, Zoe with { Visits = 5 }, created.ETag, Token));

        refused.Key.ShouldBe(key);
        var read = await Store.ReadAsync<TestPerson>(key, Token);
        read!.Value.Visits.ShouldBe(4);
        read.ETag.ShouldBe(current.ETag);
    }

    [Fact]
    public async Task Replace_of_a_missing_document_is_not_found()
    {
        var key = NewKey();

        var missing = await Should.ThrowAsync<DocumentNotFoundException>(() => Store.ReplaceAsync(key, Zoe, "\"any-etag\"", Token));

        missing.Key.ShouldBe(key);
        (await Store.ReadAsync<TestPerson>(key, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task Upsert_creates_a_missing_document_then_replaces_it_with_a_new_etag()
    {
        var key = NewKey();

        var created = await Store.UpsertAsync(key, Zoe, Token);
        var replaced = await Store.UpsertAsync(key, Zoe with { Visits = 10 }, Token);

        replaced.ETag.ShouldNotBe(created.ETag);
        var read = await Store.ReadAsync<TestPerson>(key, Token);
        read!.Value.Visits.ShouldBe(10);
        read.ETag.ShouldBe(replaced.ETag);
    }

    [Fact]
    public async Task Delete_removes_the_document_and_a_second_delete_finds_nothing()
    {
        var key = NewKey();
        await Store.CreateAsync(key, Zoe, Token);

        (await Store.DeleteAsync(key, cancellationToken: Token)).ShouldBeTrue();

        (await Store.ReadAsync<TestPerson>(key, Token)).ShouldBeNull();
        (await Store.DeleteAsync(key, cancellationToken: Token)).ShouldBeFalse();
    }

    [Fact]
    public async Task Delete_with_the_current_etag_removes_the_document()
    {
        var key = NewKey();
        var created = await Store.CreateAsync(key, Zoe, Token);

        (await Store.DeleteAsync(key, created.ETag, Token)).ShouldBeTrue();

        (await Store.ReadAsync<TestPerson>(key, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_is_refused_and_keeps_the_document()
    {
        var key = NewKey();
        var created = await Store.CreateAsync(key, Zoe, Token);
        await Store.ReplaceAsync(key, Zoe with { Visits = 4 }, created.ETag, Token);

        await Should.ThrowAsync<DocumentPreconditionFailedException>(() => Store.DeleteAsync(key, created.ETag, Token));

        (await Store.ReadAsync<TestPerson>(key, Token))!.Value.Visits.ShouldBe(4);
    }

    [Fact]
    public async Task Reading_a_missing_document_gives_null()
    {
        (await Store.ReadAsync<TestPerson>(NewKey(), Token)).ShouldBeNull();
    }

    [Fact]
    public async Task Reading_a_document_as_another_kind_gives_null()
    {
        var key = NewKey();
        await Store.CreateAsync(key, new TestNote("a note"), Token);

        (await Store.ReadAsync<TestPerson>(key, Token)).ShouldBeNull();
        (await Store.ReadAsync<TestNote>(key, Token))!.Value.Text.ShouldBe("a note");
    }

    [Fact]
    public async Task ReadPartition_returns_only_that_partitions_documents_of_that_kind_ordered_by_id()
    {
        var partition = NewKey().Partition;
        DocumentKey Key(string id) => new(Containers.People, partition, id);
        await Store.CreateAsync(Key("c"), Zoe with { Visits = 3 }, Token);
        await Store.CreateAsync(Key("a"), Zoe with { Visits = 1 }, Token);
        await Store.CreateAsync(Key("b-note"), new TestNote("not a person"), Token);
        var b = await Store.CreateAsync(Key("b"), Zoe with { Visits = 2 }, Token);
        await Store.CreateAsync(Key("a") with { Partition = partition + "-other" }, Zoe, Token);
        await Store.CreateAsync(Key("a") with { Container = Containers.Panels }, Zoe, Token);

        var people = await Store.ReadPartitionAsync<TestPerson>(Containers.People, partition, Token).ToListAsync(Token);

        people.Select(p => p.Key.Id).ShouldBe(["a", "b", "c"]);
        people.Select(p => p.Value.Visits).ShouldBe([1, 2, 3]);
        people.ShouldAllBe(p => p.Key.Container == Containers.People && p.Key.Partition == partition);
        people[1].ETag.ShouldBe(b.ETag);
    }

    [Fact]
    public async Task ReadPartition_of_an_empty_partition_returns_nothing()
    {
        (await Store.ReadPartitionAsync<TestPerson>(Containers.People, NewKey().Partition, Token).ToListAsync(Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadKind_returns_every_document_of_that_kind_from_every_partition_of_that_container_over_several_pages()
    {
        // More than two pages' worth, spread over many partitions, some holding several.
        var run = "scan-" + Guid.NewGuid().ToString("N");
        var expected = new Dictionary<DocumentKey, string>();
        for (var i = 0; i < 230; i++)
        {
            var key = new DocumentKey(Containers.People, $"{run}-{i % 90:D3}", $"item-{i:D3}");
            expected[key] = (await Store.CreateAsync(key, new TestScanned(i), Token)).ETag;
        }

        await Store.CreateAsync(new DocumentKey(Containers.People, $"{run}-000", "a-note"), new TestNote("another kind"), Token);
        await Store.CreateAsync(new DocumentKey(Containers.Panels, $"{run}-000", "item-elsewhere"), new TestScanned(-1), Token);

        var found = await Store.ReadKindAsync<TestScanned>(Containers.People, Token).ToListAsync(Token);

        var ours = found.Where(d => d.Key.Partition.StartsWith(run, StringComparison.Ordinal)).ToList();
        ours.Select(d => d.Key).ShouldBe(expected.Keys, ignoreOrder: true);
        ours.Select(d => (d.Key.Id, d.Value.Number, d.ETag)).ShouldBe(
            expected.Select(e => (e.Key.Id, int.Parse(e.Key.Id.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture), e.Value)), ignoreOrder: true);
        found.ShouldAllBe(d => d.Key.Container == Containers.People);
    }

    [Fact]
    public async Task ReadKind_of_a_kind_nobody_stored_returns_nothing()
    {
        (await Store.ReadKindAsync<TestUnstored>(Containers.People, Token).ToListAsync(Token)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Query_pages_one_partitions_matching_documents_of_its_kind_in_order_until_the_last_page_has_no_token()
    {
        var partition = "q-" + Guid.NewGuid().ToString("N");
        DocumentKey Key(string id) => new(Containers.Panels, partition, id);
        for (var i = 0; i < 7; i++)
        {
            // Written out of order; the query orders by submittedAt.
            await Store.CreateAsync(Key($"listing-{i}"), new TestListing(i % 3 == 0 ? "withdrawn" : "listed", "2027-01-12", $"2026-12-{20 - i:D2}T10:00:00+00:00"), Token);
        }

        await Store.CreateAsync(Key("other-meeting"), new TestListing("listed", "2027-02-09", "2026-12-01T10:00:00+00:00"), Token);
        await Store.CreateAsync(Key("a-note"), new TestNote("another kind"), Token);
        await Store.CreateAsync(new DocumentKey(Containers.Panels, partition + "-other", "listing-1"), new TestListing("listed", "2027-01-12", "2026-12-01T09:00:00+00:00"), Token);

        var query = new DocumentQuery(Containers.Panels, partition)
        {
            Filters = [FieldFilter.EqualTo("status", "listed"), FieldFilter.EqualTo("meetingDate", "2027-01-12")],
            OrderBy = "submittedAt",
            PageSize = 2,
        };
        var pages = new List<DocumentPage<TestListing>>();
        do
        {
            pages.Add(await Store.QueryAsync<TestListing>(query with { Continuation = pages.LastOrDefault()?.Continuation }, Token));
        }
        while (pages[^1].Continuation is not null && pages.Count < 10);

        var found = pages.SelectMany(p => p.Items).ToList();
        found.Select(d => d.Key.Id).ShouldBe(["listing-5", "listing-4", "listing-2", "listing-1"]);
        found.ShouldAllBe(d => d.Key.Partition == partition && d.Key.Container == Containers.Panels && d.ETag.Length > 0);
        pages.Take(pages.Count - 1).ShouldAllBe(p => p.Items.Count > 0 && p.Items.Count <= 2);
        pages[^1].Continuation.ShouldBeNull();
    }

    [Fact]
    public async Task Query_compares_ranges_and_a_page_with_room_to_spare_is_the_last()
    {
        var partition = "q-" + Guid.NewGuid().ToString("N");
        foreach (var day in new[] { "2026-12-01", "2026-12-15", "2027-01-12", "2027-02-09" })
        {
            await Store.CreateAsync(new DocumentKey(Containers.Panels, partition, "m-" + day), new TestListing("listed", day, day + "T00:00:00+00:00"), Token);
        }

        var page = await Store.QueryAsync<TestListing>(new DocumentQuery(Containers.Panels, partition)
        {
            Filters = [FieldFilter.AtLeast("meetingDate", "2026-12-15"), FieldFilter.Before("meetingDate", "2027-02-09")],
            OrderBy = "submittedAt",
            PageSize = 10,
        }, Token);

        page.Items.Select(d => d.Value.MeetingDate).ShouldBe(["2026-12-15", "2027-01-12"]);
        page.Continuation.ShouldBeNull();
    }

    [Fact]
    public async Task Query_orders_an_integer_field_as_numbers_and_pages_below_an_integer_bound()
    {
        // The audit log's query: one person's records by sequence, up to the sequence its reading stops at.
        var partition = "q-" + Guid.NewGuid().ToString("N");
        foreach (var sequence in new long[] { 3, 12, 1, 10, 2, 9, 11 })
        {
            await Store.CreateAsync(new DocumentKey(Containers.People, partition, $"r{100 - sequence}"), new TestSequenced(sequence), Token);
        }

        var query = new DocumentQuery(Containers.People, partition) { Filters = [FieldFilter.Before("sequence", 12L)], OrderBy = "sequence", PageSize = 2 };
        var pages = new List<DocumentPage<TestSequenced>>();
        do
        {
            pages.Add(await Store.QueryAsync<TestSequenced>(query with { Continuation = pages.LastOrDefault()?.Continuation }, Token));
        }
        while (pages[^1].Continuation is not null && pages.Count < 10);

        pages.SelectMany(p => p.Items).Select(d => d.Value.Sequence).ShouldBe([1L, 2, 3, 9, 10, 11]);
        pages.Take(pages.Count - 1).ShouldAllBe(p => p.Items.Count > 0 && p.Items.Count <= 2);
    }

    [Fact]
    public async Task Query_filters_on_a_boolean_and_orders_by_id_when_no_field_is_named()
    {
        var partition = "q-" + Guid.NewGuid().ToString("N");
        await Store.CreateAsync(new DocumentKey(Containers.Panels, partition, "b"), new TestListing("listed", "2027-01-12", "2026-12-01T00:00:00+00:00", Emergency: true), Token);
        await Store.CreateAsync(new DocumentKey(Containers.Panels, partition, "a"), new TestListing("listed", "2027-01-12", "2026-12-02T00:00:00+00:00", Emergency: true), Token);
        await Store.CreateAsync(new DocumentKey(Containers.Panels, partition, "c"), new TestListing("listed", "2027-01-12", "2026-12-03T00:00:00+00:00"), Token);

        var page = await Store.QueryAsync<TestListing>(new DocumentQuery(Containers.Panels, partition) { Filters = [FieldFilter.EqualTo("emergency", true)] }, Token);

        page.Items.Select(d => d.Key.Id).ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task A_continuation_token_that_is_malformed_or_from_another_query_is_refused()
    {
        var partition = "q-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++)
        {
            await Store.CreateAsync(new DocumentKey(Containers.Panels, partition, $"l{i}"), new TestListing("listed", "2027-01-12", $"2026-12-0{i + 1}T00:00:00+00:00"), Token);
        }

        var query = new DocumentQuery(Containers.Panels, partition) { OrderBy = "submittedAt", PageSize = 1 };
        var first = await Store.QueryAsync<TestListing>(query, Token);
        first.Continuation.ShouldNotBeNull();

        await Should.ThrowAsync<InvalidContinuationException>(() => Store.QueryAsync<TestListing>(query with { Continuation = "not-a-token" }, Token));
        await Should.ThrowAsync<InvalidContinuationException>(() => Store.QueryAsync<TestListing>(
            query with { Partition = partition + "-other", Continuation = first.Continuation }, Token));
        await Should.ThrowAsync<InvalidContinuationException>(() => Store.QueryAsync<TestListing>(
            query with { Filters = [FieldFilter.EqualTo("status", "withdrawn")], Continuation = first.Continuation }, Token));
        (await Store.QueryAsync<TestListing>(query with { Continuation = first.Continuation }, Token)).Items.Single().Key.Id.ShouldBe("l1");
    }

    [Fact]
    public async Task A_query_refuses_a_field_name_that_is_not_a_plain_json_name()
    {
        var query = new DocumentQuery(Containers.Panels, "q-" + Guid.NewGuid().ToString("N")) { OrderBy = "status') --" };

        await Should.ThrowAsync<ArgumentException>(() => Store.QueryAsync<TestListing>(query, Token));
    }
}
