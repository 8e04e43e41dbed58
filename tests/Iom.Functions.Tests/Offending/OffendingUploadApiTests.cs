using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Offending;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Identifiers;
using Iom.Domain.Referrals;
using Iom.Functions.Offending;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Tests.Offending;

/// <summary>POST /api/offending-records through the real pipeline on Kestrel, with the SQLite store behind it.</summary>
public sealed class OffendingUploadApiTests : IAsyncLifetime
{
    private const string KnownPnc = "2012/0052494Q";
    private const string Header = "pncId,offenceDate,outcomeDate,outcome,offenceType,sourceRef";

    private RunningLocalHost host = null!;
    private string personId = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // The app's usual limits: the upload's 50 MiB body gets through on its own declared budget ([TimeBudget]).
        host = await RunningLocalHost.StartAsync();
        (_, personId) = await host.ReferAsync(ReferralApiTests.ValidReferral(pnc: KnownPnc));
        // Known once the acknowledgement has confirmed the referral's identity claims.
        PncId.TryParse(KnownPnc, new DateOnly(2026, 12, 2), out var pnc, out _);
        var key = IdentityClaims.KeyOf(PersonMatchKeys.OfPnc(pnc));
        await Eventually.Async(async () => (await Documents.ReadAsync<IdentityClaim>(key, Ct)) is { Value.Provisional: null } claim ? claim : null);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private IDocumentStore Documents => host.Services.GetRequiredService<IDocumentStore>();

    private async Task<List<StoredOffendingRecord>> RecordsAsync()
    {
        var found = new List<StoredOffendingRecord>();
        await foreach (var record in Documents.ReadPartitionAsync<StoredOffendingRecord>(Containers.People, personId, Ct))
        {
            found.Add(record.Value);
        }

        return found;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpContent content, string query = "", string role = Roles.Analyst)
    {
        using var request = RunningLocalHost.Request(HttpMethod.Post, "/api/offending-records" + query, role);
        request.Content = content;
        using var response = await host.Client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static StringContent Csv(params string[] rows) =>
        new(string.Join("\r\n", [Header, .. rows]) + "\r\n", new MediaTypeHeaderValue("text/csv"));

    private static string Row(string sourceRef, string pnc = KnownPnc, string type = "burglary") =>
        $"{pnc},2026-01-10,2026-03-01,conviction,{type},{sourceRef}";

    [Fact]
    public async Task A_CSV_file_is_stored_row_by_row_with_a_collection_record_and_the_report_counts_each_kind_of_row()
    {
        var (status, body) = await PostAsync(Csv(Row("csv-1"), Row("csv-2", type: "robbery"), Row("csv-3", pnc: "2001/0000001Q")));

        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("applied").GetBoolean().ShouldBeTrue();
        (body.GetProperty("received").GetInt64(), body.GetProperty("accepted").GetInt64(), body.GetProperty("unknownPerson").GetInt64()).ShouldBe((3, 2, 1));
        (await RecordsAsync()).Select(r => r.SourceRef).Order().ShouldBe(["csv-1", "csv-2"]);
        var audit = await host.Services.GetRequiredService<AuditTrail>().ReadAsync(personId, Ct);
        audit.ShouldContain(r => r.Operation == AuditOperation.Collection && r.Subject == OffendingDocuments.AuditSubject && r.Purpose == OffendingRecordFunctions.Purpose);
    }

    [Fact]
    public async Task A_JSON_array_is_read_as_the_CSV_is_and_the_same_rows_again_are_unchanged()
    {
        const string rows = """[{"pncId":"2012/0052494Q","offenceDate":"2026-02-01","outcomeDate":"2026-02-02","outcome":"caution","offenceType":"theft","sourceRef":"json-1"}]""";

        (await PostAsync(RunningLocalHost.Json(rows))).Status.ShouldBe(HttpStatusCode.OK);
        var (status, again) = await PostAsync(RunningLocalHost.Json(rows));

        status.ShouldBe(HttpStatusCode.OK);
        (again.GetProperty("accepted").GetInt64(), again.GetProperty("unchanged").GetInt64()).ShouldBe((0, 1));
        (await RecordsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(Iom.Domain.Offending.OffenceOutcome.Caution);
    }

    [Fact]
    public async Task The_persons_export_holds_their_offending_records_for_subject_access()
    {
        (await PostAsync(Csv(Row("export-2", type: "robbery"), Row("export-1")))).Status.ShouldBe(HttpStatusCode.OK);

        using var request = RunningLocalHost.Request(HttpMethod.Get, $"/api/people/{personId}/export", Roles.Auditor);
        using var response = await host.Client.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        var records = export.GetProperty("offendingRecords").EnumerateArray().ToList();
        records.Select(r => r.GetProperty("sourceRef").GetString()).ShouldBe(["export-1", "export-2"]);
        records.Select(r => r.GetProperty("offenceType").GetString()).ShouldBe(["burglary", "robbery"]);
        records[0].GetProperty("outcome").GetString().ShouldBe("conviction");
    }

    [Fact]
    public async Task A_file_with_errors_is_422_with_the_report_and_stores_nothing_unless_the_valid_rows_are_asked_for()
    {
        var hostile = "<script>alert(1)</script>";
        var (status, problem) = await PostAsync(Csv(Row("bad-1"), $"{KnownPnc},2026-01-10,2026-03-01,{hostile},burglary,bad-2"));

        status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("type").GetString().ShouldBe("urn:iom:problem:rows-refused");
        var report = problem.GetProperty("report");
        report.GetProperty("applied").GetBoolean().ShouldBeFalse();
        var error = report.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        (error.GetProperty("row").GetInt64(), error.GetProperty("field").GetString(), error.GetProperty("code").GetString()).ShouldBe((3, "outcome", "not-allowed"));
        report.ToString().ShouldNotContain("script");
        report.ToString().ShouldNotContain(KnownPnc);
        (await RecordsAsync()).ShouldBeEmpty();

        var (accepted, _) = await PostAsync(Csv(Row("bad-1"), $"{KnownPnc},2026-01-10,2026-03-01,{hostile},burglary,bad-2"), "?acceptValid=true");
        accepted.ShouldBe(HttpStatusCode.OK);
        (await RecordsAsync()).ShouldHaveSingleItem().SourceRef.ShouldBe("bad-1");
    }

    [Theory]
    [InlineData("pncId,offenceDate,outcomeDate,outcome,offenceType\r\nx,y,z,w,v\r\n", "header")]
    [InlineData("", "header")]
    [InlineData(Header + "\r\n\"unclosed,2026-01-10,2026-03-01,conviction,burglary,q-1\r\n", "$")]
    public async Task A_file_that_is_not_CSV_with_every_column_is_400_for_the_whole_file(string csv, string key)
    {
        var (status, problem) = await PostAsync(new StringContent(csv, new MediaTypeHeaderValue("text/csv")));

        status.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(key, out _).ShouldBeTrue(problem.ToString());
    }

    [Theory]
    [InlineData("""{"rows":[]}""")]
    [InlineData("""[{"pncId":12}]""")]
    [InlineData("""[{"pncId":"2012/0052494Q","extra":"x"}]""")]
    [InlineData("[")]
    public async Task A_JSON_body_that_is_not_an_array_of_rows_is_400(string json) =>
        (await PostAsync(RunningLocalHost.Json(json))).Status.ShouldBe(HttpStatusCode.BadRequest);

    [Fact]
    public async Task Another_content_type_is_415_and_a_bad_acceptValid_is_400()
    {
        (await PostAsync(new StringContent("a,b", new MediaTypeHeaderValue("text/plain")))).Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await PostAsync(Csv(Row("q-1")), "?acceptValid=yes")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await RecordsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_50_MiB_file_streamed_without_a_length_is_read_as_it_arrives_and_stored()
    {
        var content = new GeneratedCsv(OffendingRecordFunctions.MaxUploadBytes, exact: false, knownRows: 10);

        var (status, report) = await PostAsync(content);

        status.ShouldBe(HttpStatusCode.OK, report.ToString());
        content.Written.ShouldBeGreaterThan(OffendingRecordFunctions.MaxUploadBytes - 200);
        report.GetProperty("received").GetInt64().ShouldBe(content.Rows);
        report.GetProperty("accepted").GetInt64().ShouldBe(10);
        report.GetProperty("unknownPerson").GetInt64().ShouldBe(content.Rows - 10);
        (await RecordsAsync()).Count.ShouldBe(10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task One_byte_over_50_MiB_is_413_and_stores_nothing(bool withLength)
    {
        var content = new GeneratedCsv(OffendingRecordFunctions.MaxUploadBytes + 1, exact: true, knownRows: 10);
        using var request = RunningLocalHost.Request(HttpMethod.Post, "/api/offending-records", Roles.Analyst);
        request.Content = content;
        if (withLength)
        {
            // A client that says how much it will send waits to be told to go on: refused at once, it sends nothing.
            content.Headers.ContentLength = OffendingRecordFunctions.MaxUploadBytes + 1;
            request.Headers.ExpectContinue = true;
        }

        using var response = await host.Client.SendAsync(request, Ct);
        var status = response.StatusCode;
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("type").GetString().ShouldBe("urn:iom:problem:payload-too-large");
        (await RecordsAsync()).ShouldBeEmpty();
    }

    /// <summary>
    /// A CSV file written as it is sent, never held: its first rows about the known person, the rest about people IOM
    /// does not know (each with its own reference), up to <c>size</c> bytes — cut there exactly when <c>exact</c>.
    /// </summary>
    private sealed class GeneratedCsv : HttpContent
    {
        private static readonly string[] Unknown = [.. Enumerable.Range(1, 40).Select(UnknownPnc)];
        private readonly long size;
        private readonly bool exact;
        private readonly int knownRows;

        public GeneratedCsv(long size, bool exact, int knownRows)
        {
            this.size = size;
            this.exact = exact;
            this.knownRows = knownRows;
            Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }

        public long Written { get; private set; }

        public long Rows { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = new MemoryStream(64 * 1024);
            void Add(string line)
            {
                var bytes = Encoding.UTF8.GetBytes(line + "\n");
                if (Written + bytes.Length > size)
                {
                    if (exact)
                    {
                        buffer.Write(bytes, 0, (int)(size - Written));
                        Written = size;
                    }

                    throw new EndOfStreamException();
                }

                buffer.Write(bytes);
                Written += bytes.Length;
            }

            try
            {
                Add(Header);
                for (long i = 0; ; i++)
                {
                    var pnc = i < knownRows ? KnownPnc : Unknown[i % Unknown.Length];
                    Add($"{pnc},2026-01-10,2026-03-01,conviction,theft-from-the-person,upload-{i:D12}-{new string('x', 40)}");
                    Rows++;
                    if (buffer.Length > 60 * 1024)
                    {
                        await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
                        buffer.SetLength(0);
                    }
                }
            }
            catch (EndOfStreamException)
            {
                await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        /// <summary>A canonical PNC ID of 2001 with serial <paramref name="serial"/> and its check letter.</summary>
        private static string UnknownPnc(int serial)
        {
            const string letters = "ZABCDEFGHJKLMNPQRTUVWXY";
            var digits = $"01{serial:D7}";
            return $"2001/{serial:D7}{letters[(int)(long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 23)]}";
        }
    }
}
