using Iom.Adapters.Sqlite;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests.Audit;

/// <summary>A person's audit log read a page at a time from a SQLite store, whatever the length of the chain.</summary>
public sealed class ReadAuditLogTests
{
    private const string Ann = "person-ann";

    private readonly IDocumentStore documents = new SqliteDocumentStore(
        new SqliteDatabase(Path.Combine(Directory.CreateTempSubdirectory("iom-audit-log-").FullName, "iom.db")));

    private readonly AuditKit kit;

    public ReadAuditLogTests() => kit = new AuditKit(documents);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ActingAs Auditor { get; } = new(new Caller("auditor-1", "Auditor", null, "council", new HashSet<string> { Roles.Auditor }), "corr-audit", "Data protection: reading the audit log")
    {
        Scope = new ObjectScope(new PersonAccess(), new HashSet<string> { Roles.Auditor }),
    };

    private ReadAuditLog Handler(IDocumentStore? store = null) => new(store ?? documents, kit.Trail(store), TimeProvider.System);

    private Task WriteChainAsync(string person, int records) => kit.AppendAsync(person, records, Ct);

    /// <summary>Follows the pages as the next link does (same size, same end, the token) until the last.</summary>
    private async Task<List<AuditLogPage>> ReadAllAsync(string person, int pageSize)
    {
        var pages = new List<AuditLogPage>();
        var query = new AuditLogQuery(person, pageSize);
        while (true)
        {
            var page = await Handler().HandleAsync(query, Auditor, Ct);
            pages.Add(page);
            if (page.Continuation is null)
            {
                return pages;
            }

            query = query with { Continuation = page.Continuation, Through = page.Through };
        }
    }

    [Fact]
    public async Task A_chain_longer_than_a_page_is_read_page_by_page_in_sequence_order_with_nothing_missed_or_repeated()
    {
        await WriteChainAsync(Ann, 120);
        await WriteChainAsync("person-bob", 7);

        var pages = await ReadAllAsync(Ann, pageSize: 50);

        // 120 records, then the first page's own consultation (121): where the reading stops, although each later
        // page appends its consultation too.
        pages.Count.ShouldBe(3);
        pages.Take(2).ShouldAllBe(p => p.Records.Count == 50);
        pages.SelectMany(p => p.Records).Select(r => r.Sequence).ShouldBe(Enumerable.Range(1, 121).Select(i => (long)i));
        pages.SelectMany(p => p.Records).ShouldAllBe(r => r.PersonId == Ann);
        pages.SelectMany(p => p.Records).Last().Subject.ShouldBe($"audit/{Ann}");
    }

    [Fact]
    public async Task Pages_of_one_record_still_come_to_an_end_although_each_page_appends_a_record()
    {
        await WriteChainAsync(Ann, 3);

        var pages = await ReadAllAsync(Ann, pageSize: 1);

        pages.SelectMany(p => p.Records).Select(r => r.Sequence).ShouldBe([1, 2, 3, 4]);
        // Every page was a consultation of the log, and each was recorded.
        (await kit.Trail().ReadAsync(Ann, Ct)).Count.ShouldBe(3 + pages.Count);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(300)]
    public async Task A_page_reads_the_same_number_of_documents_whatever_the_length_of_the_chain(int records)
    {
        await WriteChainAsync(Ann, records);
        var counting = new RoundTripCountingStore(documents);

        var first = await Handler(counting).HandleAsync(new AuditLogQuery(Ann, 10), Auditor, Ct);
        var firstRead = counting.DocumentsRead;
        counting.Reset();
        await Handler(counting).HandleAsync(new AuditLogQuery(Ann, 10, first.Continuation, first.Through), Auditor, Ct);

        // The chain head (for this read's own record), then the page itself: three round trips, the commit between
        // (docs/performance.md).
        firstRead.ShouldBe(1 + 10);
        counting.DocumentsRead.ShouldBe(1 + 10);
        counting.Log.Select(round => round.ShouldHaveSingleItem()).ShouldBe(["read people", "commit people (2 writes)", "query people"]);
    }

    [Fact]
    public async Task A_tampered_continuation_is_refused_as_invalid_input_and_reads_nothing()
    {
        await WriteChainAsync(Ann, 30);
        var first = await Handler().HandleAsync(new AuditLogQuery(Ann, 10), Auditor, Ct);

        // The token names the query it belongs to: altered to pass for another, or not a token at all.
        var envelope = System.Text.Json.Nodes.JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(first.Continuation))!;
        envelope["Q"] = new string('0', envelope["Q"]!.GetValue<string>().Length);
        var forged = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(envelope.ToJsonString()));
        foreach (var token in new[] { forged, "not-a-token" })
        {
            var refused = await Should.ThrowAsync<ValidationFailedException>(() =>
                Handler().HandleAsync(new AuditLogQuery(Ann, 10, token, first.Through), Auditor, Ct));
            refused.Errors.Keys.ShouldBe(["continuation"]);
        }

        // Another person's token, or the same token with another end, belongs to another query.
        await WriteChainAsync("person-bob", 30);
        await Should.ThrowAsync<ValidationFailedException>(() =>
            Handler().HandleAsync(new AuditLogQuery("person-bob", 10, first.Continuation, first.Through), Auditor, Ct));
        await Should.ThrowAsync<ValidationFailedException>(() =>
            Handler().HandleAsync(new AuditLogQuery(Ann, 10, first.Continuation, first.Through + 5), Auditor, Ct));
    }

    [Fact]
    public async Task The_log_of_a_person_nobody_holds_anything_about_is_empty_and_begins_no_chain()
    {
        var page = await Handler().HandleAsync(new AuditLogQuery("person-nobody", 50), Auditor, Ct);

        (page.Records.Count, page.Continuation).ShouldBe((0, null));
        (await kit.Trail().ReadAsync("person-nobody", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_chain_whose_head_was_deleted_is_still_read_and_its_reading_is_recorded_in_the_operations_chain()
    {
        await WriteChainAsync(Ann, 5);
        await documents.DeleteAsync(new DocumentKey(Containers.People, Ann, AuditChainHead.DocumentId), null, Ct);

        var page = await Handler().HandleAsync(new AuditLogQuery(Ann, 50), Auditor, Ct);

        page.Records.Select(r => r.Sequence).ShouldBe([1, 2, 3, 4, 5]);
        (await kit.Trail().ReadAsync(AuditTrail.OperationsChain, Ct)).ShouldHaveSingleItem().Subject.ShouldBe($"audit/{Ann}");
    }
}
