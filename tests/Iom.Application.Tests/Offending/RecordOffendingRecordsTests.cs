using System.Globalization;
using System.Runtime.CompilerServices;
using Iom.Adapters.Sqlite;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Offending;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Tests.Audit;
using Iom.Domain.Identifiers;
using Iom.Domain.Offending;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Offending;

/// <summary>The offending-data intake on a real SQLite store: whole-file checks, then one commit per person with its Collection record.</summary>
public sealed class RecordOffendingRecordsTests
{
    private const string Known = "0123456789abcdef0123456789abcdef";
    private const string OtherKnown = "fedcba9876543210fedcba9876543210";
    private const string KnownPnc = "2012/0052494Q";
    private const string OtherPnc = "1979/0163001B";
    private const string UnknownPnc = "2001/0000001Q";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-02T10:00:00Z", CultureInfo.InvariantCulture));
    private readonly IDocumentStore documents;
    private readonly AuditKit audit;

    public RecordOffendingRecordsTests()
    {
        documents = new SqliteDocumentStore(new SqliteDatabase(Path.Combine(Directory.CreateTempSubdirectory("iom-offending-").FullName, "iom.db")), time);
        audit = new AuditKit(documents);
    }

    private static ActingAs Analyst => new(new Caller("analyst-1", "An Analyst", null, "council", new HashSet<string> { Roles.Analyst }), "corr-upload", "Performance measures");

    private RecordOffendingRecords Handler => new(documents, audit.Trail(), time);

    private static OffendingRow Row(string sourceRef, string pnc = KnownPnc, string offence = "2026-01-10", string outcome = "conviction", string type = "burglary") =>
        new(pnc, offence, "2026-03-01", outcome, type, sourceRef);

    private static async IAsyncEnumerable<NumberedRow> Rows(OffendingRow[] rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new NumberedRow(i + 2, rows[i]);
        }
    }

    private Task<OffendingUploadReport> UploadAsync(bool acceptValid = false, params OffendingRow[] rows) =>
        Handler.HandleAsync(Rows(rows), acceptValid, Analyst, Ct);

    private async Task KnowAsync(string person, string pnc)
    {
        PncId.TryParse(pnc, new DateOnly(2026, 12, 2), out var parsed, out _).ShouldBeTrue();
        var key = PersonMatchKeys.OfPnc(parsed);
        await documents.CreateAsync(IdentityClaims.KeyOf(key), new IdentityClaim(key, person, new string('0', 32), time.GetUtcNow()), Ct);
    }

    private async Task<List<StoredOffendingRecord>> RecordsOfAsync(string person)
    {
        var found = new List<StoredOffendingRecord>();
        await foreach (var record in documents.ReadPartitionAsync<StoredOffendingRecord>(Containers.People, person, Ct))
        {
            found.Add(record.Value);
        }

        return found;
    }

    [Fact]
    public async Task Valid_rows_are_stored_in_each_persons_partition_with_one_collection_record_per_person()
    {
        await KnowAsync(Known, KnownPnc);
        await KnowAsync(OtherKnown, OtherPnc);

        var report = await UploadAsync(false, Row("a-1"), Row("a-2", type: "theft"), Row("b-1", OtherPnc, outcome: "caution"));

        report.ShouldBe(new OffendingUploadReport(true, 3, 3, 0, 0, 0, [], false), new ReportComparer());
        (await RecordsOfAsync(Known)).Select(r => (r.SourceRef, r.OffenceType)).OrderBy(r => r.SourceRef).ShouldBe([("a-1", OffenceGroup.Burglary), ("a-2", OffenceGroup.Theft)]);
        (await RecordsOfAsync(OtherKnown)).ShouldHaveSingleItem().Outcome.ShouldBe(OffenceOutcome.Caution);
        var log = await audit.Trail().ReadAsync(Known, Ct);
        log.ShouldHaveSingleItem().Operation.ShouldBe(AuditOperation.Collection);
        log[0].Subject.ShouldBe(OffendingDocuments.AuditSubject);
        log[0].CorrelationId.ShouldBe("corr-upload");
    }

    [Fact]
    public async Task A_file_with_errors_changes_nothing_and_reports_each_bad_row_without_its_values()
    {
        await KnowAsync(Known, KnownPnc);

        var report = await UploadAsync(false, Row("a-1"), Row("a-2", pnc: "2012/0052494X"), Row("a-3", offence: "2030-01-01"), Row("a-1"));

        report.Applied.ShouldBeFalse();
        (report.Received, report.Accepted, report.Rejected).ShouldBe((4L, 0L, 3L));
        report.Errors.Select(e => (e.Row, e.Field, e.Code)).ShouldBe([(3L, "pncId", "check-letter"), (4L, "offenceDate", "future"), (5L, "sourceRef", "duplicate-in-file")]);
        report.Errors.ShouldAllBe(e => !e.Message.Contains("2012/", StringComparison.Ordinal));
        (await RecordsOfAsync(Known)).ShouldBeEmpty();
        (await audit.Trail().ReadAsync(Known, Ct)).ShouldBeEmpty();
        (await documents.ReadAsync<OffendingSourceClaim>(OffendingDocuments.ClaimOf("a-1"), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Asked_to_accept_the_valid_rows_it_stores_them_and_reports_the_rest()
    {
        await KnowAsync(Known, KnownPnc);

        var report = await UploadAsync(true, Row("a-1"), Row("a-2", outcome: "acquittal"));

        report.Applied.ShouldBeTrue();
        (report.Accepted, report.Rejected).ShouldBe((1L, 1L));
        report.Errors.ShouldHaveSingleItem().ShouldBe(new OffendingRowProblem(3, "outcome", "not-allowed", "The outcome must be one of conviction, caution"));
        (await RecordsOfAsync(Known)).ShouldHaveSingleItem().SourceRef.ShouldBe("a-1");
    }

    [Fact]
    public async Task The_same_file_again_changes_nothing_and_is_reported_unchanged()
    {
        await KnowAsync(Known, KnownPnc);
        await UploadAsync(false, Row("a-1"), Row("a-2"));

        var again = await UploadAsync(false, Row("a-1"), Row("a-2"));

        (again.Applied, again.Accepted, again.Unchanged, again.Rejected).ShouldBe((true, 0L, 2L, 0L));
        (await RecordsOfAsync(Known)).Count.ShouldBe(2);
        (await audit.Trail().ReadAsync(Known, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_source_reference_sent_again_with_other_content_is_a_conflict_never_an_overwrite()
    {
        await KnowAsync(Known, KnownPnc);
        await UploadAsync(false, Row("a-1"));

        var changed = await UploadAsync(false, Row("a-1", type: "robbery"), Row("a-2"));

        changed.Applied.ShouldBeFalse();
        changed.Errors.ShouldHaveSingleItem().ShouldBe(new OffendingRowProblem(2, "sourceRef", "source-ref-conflict",
            "The source reference was sent before with other content; send a new reference for a new record"));
        (await RecordsOfAsync(Known)).ShouldHaveSingleItem().OffenceType.ShouldBe(OffenceGroup.Burglary);

        var accepting = await UploadAsync(true, Row("a-1", type: "robbery"), Row("a-2"));
        (accepting.Accepted, accepting.Rejected).ShouldBe((1L, 1L));
        (await RecordsOfAsync(Known)).Single(r => r.SourceRef == "a-1").OffenceType.ShouldBe(OffenceGroup.Burglary);
    }

    [Fact]
    public async Task Rows_about_nobody_IOM_knows_are_counted_not_stored_and_do_not_stop_the_file()
    {
        await KnowAsync(Known, KnownPnc);

        var report = await UploadAsync(false, Row("a-1"), Row("u-1", UnknownPnc), Row("u-2", UnknownPnc));

        (report.Applied, report.Accepted, report.UnknownPerson, report.Rejected).ShouldBe((true, 1L, 2L, 0L));
        (await documents.ReadAsync<OffendingSourceClaim>(OffendingDocuments.ClaimOf("u-1"), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task A_person_known_only_by_a_provisional_claim_is_not_known_yet()
    {
        PncId.TryParse(KnownPnc, new DateOnly(2026, 12, 2), out var pnc, out _);
        var key = PersonMatchKeys.OfPnc(pnc);
        await documents.CreateAsync(IdentityClaims.KeyOf(key), new IdentityClaim(key, Known, new string('0', 32), time.GetUtcNow(), TimeSpan.FromDays(14)), Ct);

        (await UploadAsync(false, Row("a-1"))).UnknownPerson.ShouldBe(1);
        (await RecordsOfAsync(Known)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_uploads_of_the_same_file_at_once_store_each_record_once()
    {
        await KnowAsync(Known, KnownPnc);
        await KnowAsync(OtherKnown, OtherPnc);
        OffendingRow[] rows = [.. Enumerable.Range(0, 30).Select(i => Row($"r-{i}", i % 2 == 0 ? KnownPnc : OtherPnc))];

        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Handler.HandleAsync(Rows(rows), false, Analyst, Ct)));

        reports.Sum(r => r.Accepted).ShouldBe(30);
        reports.ShouldAllBe(r => r.Accepted + r.Unchanged == 30 && r.Rejected == 0);
        (await RecordsOfAsync(Known)).Count.ShouldBe(15);
        (await RecordsOfAsync(OtherKnown)).Count.ShouldBe(15);
        (await audit.Trail().VerifyAsync(Known, Ct)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task A_reference_claimed_by_an_upload_that_stopped_before_storing_is_stored_by_the_next()
    {
        await KnowAsync(Known, KnownPnc);
        var record = OffendingRowRules.Validate(Row("a-1"), new DateOnly(2026, 12, 2), out _)!;
        await documents.CreateAsync(OffendingDocuments.ClaimOf("a-1"), new OffendingSourceClaim(Known, OffendingDocuments.ContentHashOf(record.Fingerprint), time.GetUtcNow()), Ct);

        var report = await UploadAsync(false, Row("a-1"));

        (report.Accepted, report.Unchanged).ShouldBe((1L, 0L));
        (await RecordsOfAsync(Known)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_reference_whose_record_retention_erased_is_reported_unchanged_and_never_stored_again()
    {
        await KnowAsync(Known, KnownPnc);
        // What retention leaves behind: the reference's claim as a tombstone, the record gone.
        await documents.CreateAsync(OffendingDocuments.ClaimOf("a-1"), OffendingSourceClaim.Erased(time.GetUtcNow()), Ct);
        await documents.CreateAsync(OffendingDocuments.ClaimOf("a-2"), OffendingSourceClaim.Erased(time.GetUtcNow()), Ct);

        var report = await UploadAsync(false, Row("a-1"), Row("a-2", type: "robbery"), Row("a-3"));

        (report.Applied, report.Accepted, report.Unchanged, report.Rejected).ShouldBe((true, 1L, 2L, 0L));
        (await RecordsOfAsync(Known)).ShouldHaveSingleItem().SourceRef.ShouldBe("a-3");
        (await documents.ReadAsync<OffendingSourceClaim>(OffendingDocuments.ClaimOf("a-1"), Ct)).ShouldNotBeNull().Value.ErasedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task More_records_of_one_person_than_a_commit_holds_are_stored_in_several_commits()
    {
        await KnowAsync(Known, KnownPnc);
        OffendingRow[] rows = [.. Enumerable.Range(0, RecordOffendingRecords.MaxRecordsPerCommit + 5).Select(i => Row($"r-{i}"))];

        var report = await UploadAsync(false, rows);

        report.Accepted.ShouldBe(rows.Length);
        (await RecordsOfAsync(Known)).Count.ShouldBe(rows.Length);
        (await audit.Trail().ReadAsync(Known, Ct)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task The_report_lists_a_bounded_number_of_rejected_rows_and_says_so_but_counts_them_all()
    {
        OffendingRow[] rows = [.. Enumerable.Range(0, RecordOffendingRecords.MaxReportedRows + 10).Select(i => Row($"r-{i}", pnc: "nonsense"))];

        var report = await UploadAsync(false, rows);

        report.Rejected.ShouldBe(rows.Length);
        report.Errors.Count.ShouldBe(RecordOffendingRecords.MaxReportedRows);
        report.ErrorsTruncated.ShouldBeTrue();
    }

    private sealed class ReportComparer : IEqualityComparer<OffendingUploadReport>
    {
        public bool Equals(OffendingUploadReport? x, OffendingUploadReport? y) =>
            x is not null && y is not null && (x with { Errors = [] }) == (y with { Errors = [] }) && x.Errors.SequenceEqual(y.Errors);

        public int GetHashCode(OffendingUploadReport obj) => 0;
    }
}
