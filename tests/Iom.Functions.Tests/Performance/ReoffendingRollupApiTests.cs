using System.Globalization;
using System.Net;
using System.Text.Json;
using Iom.Application.Cohort;
using Iom.Application.Identity;
using Iom.Application.Offending;
using Iom.Application.Ports.Documents;
using Iom.Domain.Cohort;
using Iom.Domain.Offending;
using Iom.Domain.Referrals;
using Iom.Functions.Tests.LocalHost;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Tests.Performance;

/// <summary>
/// Re-offending in the rollup endpoints through the local host (Kestrel, a SQLite file), on 14 December 2026 with
/// Sunderland's NI 30 target: April 2025's follow-up ended with its waiting period on 30 September 2026 (final);
/// November 2026's runs to 2028 (provisional).
/// </summary>
public sealed class ReoffendingRollupApiTests : IAsyncLifetime
{
    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await RunningLocalHost.StartAsync(extraArgs:
        [
            RollupSeed.ClockStart,
            "--Performance:Ni30:BaselineYear=2008", "--Performance:Ni30:BaselineConvictions=154",
            "--Performance:Ni30:TargetReductionPercent=17", "--Performance:Ni30:BaselineFirstHalfConvictions=63",
        ]);
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        const string person = "person-reoffending-1";
        await documents.CreateAsync(CohortDocuments.MembershipOf(person), CohortMembership.Empty(person)
            .Select(new DateOnly(2025, 1, 6), PanelCode.Iom, CohortCategory.Ppo, CohortType.Fixed, ["catch-and-control"],
                new LeadProfessional("Alex", "probation", "alex@justice.gov.uk", null), "iom-2025-01-06"), Ct);
        foreach (var (source, committed, proven) in new[] { ("src-r-1", new DateOnly(2025, 6, 1), new DateOnly(2025, 7, 1)), ("src-r-2", new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 20)) })
        {
            await documents.CreateAsync(OffendingDocuments.RecordOf(person, source), new StoredOffendingRecord(
                person, source, committed, proven, OffenceOutcome.Conviction, OffenceGroup.Robbery, DateTimeOffset.Parse("2026-11-21T09:00:00Z", CultureInfo.InvariantCulture)), Ct);
        }
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private async Task<HttpResponseMessage> Call(HttpMethod method, string path)
    {
        using var request = RunningLocalHost.Request(method, path, Roles.Analyst, agency: "council", email: "analyst@richmond.gov.uk");
        return await host.Client.SendAsync(request, Ct);
    }

    private async Task<JsonElement> CellAsync(string period, string measure)
    {
        var response = await Call(HttpMethod.Get, $"/api/performance/rollups/{period}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return body.RootElement.GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("measure").GetString() == measure && t.GetProperty("breakdown").GetString() == "total")
            .GetProperty("cells").EnumerateArray().Single().Clone();
    }

    private async Task<string> CsvAsync(string period)
    {
        var response = await Call(HttpMethod.Get, $"/api/performance/rollups/{period}.csv");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [Fact]
    public async Task JSON_and_CSV_mark_re_offending_figures_provisional_until_the_waiting_period_has_passed()
    {
        (await Call(HttpMethod.Post, "/api/performance/rollups/2025-04/recompute")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Call(HttpMethod.Post, "/api/performance/rollups/2026-11/recompute")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var past = await CellAsync("2025-04", "reoffending.reoffences");
        past.GetProperty("value").GetDecimal().ShouldBe(1m);
        past.GetProperty("provisional").GetBoolean().ShouldBeFalse();
        var running = await CellAsync("2026-11", "reoffending.reoffences");
        running.GetProperty("value").GetDecimal().ShouldBe(1m);
        running.GetProperty("provisional").GetBoolean().ShouldBeTrue();

        (await CsvAsync("2025-04")).ShouldContain("reoffending.binary-rate,total,share,all,1,false,\r\n");
        var csv = await CsvAsync("2026-11");
        csv.ShouldContain("reoffending.binary-rate,total,share,all,1,true,\r\n");
        csv.ShouldContain("reoffending.cohort,category,count,ppo,1,true,\r\n");
        // Measures that are not followed up are never provisional.
        csv.ShouldContain("cohort.size,total,count,all,1,false,\r\n");
    }

    [Fact]
    public async Task A_financial_year_carries_NI_30_against_the_configured_target_and_the_DYO_comparison()
    {
        (await Call(HttpMethod.Post, "/api/performance/rollups/FY2025-26/recompute")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Call(HttpMethod.Post, "/api/performance/rollups/FY2026-27/recompute")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await CellAsync("FY2025-26", "ni30.proven-offences")).GetProperty("value").GetDecimal().ShouldBe(1m);
        (await CellAsync("FY2026-27", "ni30.proven-offences")).GetProperty("provisional").GetBoolean().ShouldBeTrue();
        var csv = await CsvAsync("FY2025-26");
        csv.ShouldContain("ni30.proven-offences,total,count,all,1,false,\r\n");
        csv.ShouldContain("ni30.target,total,count,all,127,false,\r\n");
        csv.ShouldContain("ni30.interim.target,total,count,all,52,false,\r\n");
        csv.ShouldContain("dyo.reoffending.cohort,snapshot-year,count,2024,0,false,\r\n");
        csv.ShouldContain("dyo.reoffending.cohort,snapshot-year,count,2025,0,false,\r\n");
        (await CsvAsync("FY2026-27")).ShouldContain("dyo.reoffending.cohort,snapshot-year,count,2026,0,true,\r\n");
    }
}
