using System.Globalization;
using System.Net;
using System.Text.Json;
using Iom.Application.Cohort;
using Iom.Application.Identity;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Cohort;
using Iom.Domain.Performance;
using Iom.Domain.Referrals;
using Iom.Functions.Tests.LocalHost;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Tests.Performance;

/// <summary>The rollup endpoints through the local host (Kestrel, a SQLite file).</summary>
public sealed class RollupApiTests : IAsyncLifetime
{
    /// <summary>What free text could hold: a spreadsheet formula, markup, a quote, a comma and a line break.</summary>
    // Stored as the person's ward, gender and ethnicity, where it counts as unknown (no free text is a key there), and as
    // the referral's agency (the caller's claim, a key of the referrals measures), where the CSV must escape it.
    private const string HostileValue = "=HYPERLINK(\"http://evil.example\",\"x\"), <script>alert(1)</script>\r\nnext";

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await RunningLocalHost.StartAsync();
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        // One person in the cohort since October 2026, whose referral recorded the hostile ward (written directly:
        // the referral form's own validation is not what is tested here).
        var referral = Referral.Submit(
            "referral-rollup-0001", "person-rollup-1", "IOM-261001-R0LL", ReferralType.Iom,
            new RoutingDecision("adult-iom", new Dictionary<string, string>(), PanelCode.Iom), new DateOnly(2026, 10, 20),
            new PersonDetails("Sam", "Smith", new DateOnly(1990, 1, 1), HostileValue, HostileValue, null, null, null, null, null, HostileValue),
            "reason", [], [], RiskOfSeriousHarm.Low, 0, false, null, 10, false, false, new ReferrerDetails("Pat", "pat@police.uk", null),
            HostileValue, "user-1", DateTimeOffset.Parse("2026-10-01T10:00:00Z", CultureInfo.InvariantCulture), []).Referral
            .Select(DateTimeOffset.Parse("2026-10-20T15:00:00Z", CultureInfo.InvariantCulture), "coordinator").Referral;
        await documents.CreateAsync(ReferralStore.KeyOf(referral.PersonId, referral.Id), referral, Ct);
        await documents.CreateAsync(CohortDocuments.MembershipOf(referral.PersonId), CohortMembership.Empty(referral.PersonId)
            .Select(new DateOnly(2026, 10, 20), PanelCode.Iom, CohortCategory.Ppo, CohortType.Fixed, ["catch-and-control"],
                new LeadProfessional("Alex", "probation", "alex@justice.gov.uk", null), "iom-2026-10-20"), Ct);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private async Task<HttpResponseMessage> Call(HttpMethod method, string path, string role = Roles.Analyst)
    {
        using var request = RunningLocalHost.Request(method, path, role, agency: "council", email: "analyst@richmond.gov.uk");
        return await host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task An_analyst_recomputes_a_month_and_reads_it_back_as_JSON_with_the_rollups_ETag_and_as_CSV_with_the_files_own()
    {
        var recomputed = await Call(HttpMethod.Post, "/api/performance/rollups/2026-10/recompute");
        var again = await Call(HttpMethod.Post, "/api/performance/rollups/2026-10/recompute", Roles.Coordinator);
        var json = await Call(HttpMethod.Get, "/api/performance/rollups/2026-10");
        var csv = await Call(HttpMethod.Get, "/api/performance/rollups/2026-10.csv", Roles.Coordinator);

        recomputed.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        json.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        var etag = recomputed.Headers.ETag.ShouldNotBeNull().Tag;
        again.Headers.ETag!.Tag.ShouldBe(etag);
        json.Headers.ETag!.Tag.ShouldBe(etag);
        var csvBytes = await csv.Content.ReadAsByteArrayAsync(Ct);
        csv.Headers.ETag!.Tag.ShouldBe(Iom.Application.Performance.Rollups.RollupCsv.EntityTagOf(csvBytes));
        csv.Headers.ETag!.Tag.ShouldNotBe(etag);

        using var body = JsonDocument.Parse(await json.Content.ReadAsStringAsync(Ct));
        body.RootElement.GetProperty("period").GetString().ShouldBe("2026-10");
        body.RootElement.GetProperty("final").GetBoolean().ShouldBeTrue();
        body.RootElement.GetProperty("definitionsVersion").GetString().ShouldBe(RollupCalculator.DefinitionsVersion);
        JsonElement Size(string breakdown) => body.RootElement.GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("measure").GetString() == "cohort.size" && t.GetProperty("breakdown").GetString() == breakdown);
        Size("ethnicity").GetProperty("unit").GetString().ShouldBe("count");
        // Free text in a ward, gender or ethnicity is never a key: it counts as unknown.
        foreach (var breakdown in new[] { "ward", "gender", "ethnicity" })
        {
            var cells = Size(breakdown).GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("value").GetDecimal() > 0).ToList();
            cells.Select(c => c.GetProperty("key").GetString()).ShouldBe(["unknown"], breakdown);
        }

        // Nor is an agency that is not on the configured list: the referral counts under "unknown".
        body.RootElement.GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("measure").GetString() == "referrals.received" && t.GetProperty("breakdown").GetString() == "agency")
            .GetProperty("cells").EnumerateArray().Select(c => (c.GetProperty("key").GetString(), c.GetProperty("value").GetDecimal()))
            .ShouldBe([("unknown", 1m)]);

        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("2026-10.csv");
        var text = await csv.Content.ReadAsStringAsync(Ct);
        text.ShouldStartWith("measure,breakdown,unit,key,value,provisional,name\r\n");
        text.ShouldContain("cohort.size,total,count,all,1,false,\r\n");
        text.ShouldContain("referrals.received,agency,count,unknown,1,false,\r\n");
        text.ShouldNotContain("HYPERLINK");
    }

    [Fact]
    public async Task A_councillor_is_refused_every_rollup_endpoint()
    {
        (await Call(HttpMethod.Get, "/api/performance/rollups/2026-10", Roles.Councillor)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Call(HttpMethod.Get, "/api/performance/rollups/2026-10.csv", Roles.Councillor)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Call(HttpMethod.Post, "/api/performance/rollups/2026-10/recompute", Roles.Councillor)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-q4")]
    [InlineData("FY2026-2")]
    public async Task A_malformed_period_is_a_400_problem_on_each_endpoint(string period)
    {
        foreach (var (method, path) in new[] { (HttpMethod.Get, $"/api/performance/rollups/{period}"), (HttpMethod.Get, $"/api/performance/rollups/{period}.csv"), (HttpMethod.Post, $"/api/performance/rollups/{period}/recompute") })
        {
            var response = await Call(method, path);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, path);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("\"period\"");
        }
    }

    [Fact]
    public async Task A_period_not_computed_is_404_and_one_not_started_is_422_to_recompute()
    {
        var missing = await Call(HttpMethod.Get, "/api/performance/rollups/FY2020-21");
        var missingCsv = await Call(HttpMethod.Get, "/api/performance/rollups/2020-Q1.csv");
        var future = await Call(HttpMethod.Post, "/api/performance/rollups/2099-01/recompute");

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync(Ct)).ShouldContain("rollup-not-computed");
        missingCsv.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        future.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await future.Content.ReadAsStringAsync(Ct)).ShouldContain("period-in-the-future");
        (await host.Services.GetRequiredService<IDocumentStore>().ReadAsync<Rollup>(RollupDocuments.KeyOf(ReportingPeriod.Month(2099, 1)), Ct)).ShouldBeNull();
    }

    [Fact]
    public void The_nightly_timer_fires_at_one_and_two_UTC() =>
        host.Services.GetRequiredService<Iom.Functions.Http.FunctionCatalog>().Timers.Single(t => t.Name == "ComputeNightlyRollups").Schedule.ShouldBe("0 0 1,2 * * *");
}
