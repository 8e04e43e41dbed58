using System.Net;
using System.Text.RegularExpressions;
using Iom.Application.Identity;
using Iom.Domain.Performance;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Performance;

/// <summary>GET /api/performance/dashboard through the real local host, with rollups stored as the job stores them.</summary>
public sealed partial class DashboardTests : IAsyncLifetime
{
    private const string Path = "/api/performance/dashboard";
    private const string Hostile = "\"><script>alert(1)</script>";
    private const string HostileEncoded = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;";

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        // The shipped agencies, but probation's display name is hostile: configuration is written to the page encoded too.
        host = await RunningLocalHost.StartAsync(extraArgs: [RollupSeed.ClockStart, "--Performance:Targets:cohort.size=120", "--Performance:Targets:referrals.on-time=0.9",
            $"--Agencies:1:Name={Hostile}"]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task An_analyst_sees_every_measure_month_by_month_with_its_target_and_a_month_not_computed_says_so_rather_than_zero()
    {
        await RollupSeed.SeedYearAsync(host);

        var (status, html) = await GetAsync(Roles.Analyst);

        status.ShouldBe(HttpStatusCode.OK);
        foreach (var measure in new[] { "cohort.size", "cohort.in", "cohort.out", "referrals.received", "referrals.on-time", "referrals.decision-days.median" })
        {
            html.ShouldContain($"<code class=\"iom-measure-name\">{measure}</code>");
        }

        Row(html, "measure-1", "March 2026").ShouldContain("Not yet computed");
        Row(html, "measure-1", "April 2026").ShouldContain("Not yet computed");
        // Measures in name order: cohort.size is the third; November's total is 3 + 31 + 14 + 31 + 0.
        Row(html, "measure-3", "November 2026").ShouldContain(">79<");
        html.ShouldContain("Target 120");
        html.ShouldContain("Target 90%");
        html.ShouldContain("December 2026 (to date)");
        html.ShouldContain("Provisional");
        html.ShouldContain("role=\"img\"");
        html.Split("<svg").Length.ShouldBe(7); // one chart for each of the six measures
        html.ShouldNotContain("[c]");
    }

    [Fact]
    public async Task A_councillor_sees_ward_counts_of_completed_months_only_and_every_withheld_figure_reads_the_marker_never_its_value()
    {
        await RollupSeed.SeedYearAsync(host);

        var (status, html) = await GetAsync(Roles.Councillor);

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<code class=\"iom-measure-name\">cohort.size</code>");
        html.ShouldContain("<code class=\"iom-measure-name\">referrals.received</code>");
        foreach (var unseen in new[] { "cohort.in", "cohort.out", "referrals.on-time", "referrals.decision-days.median", "police", "probation", "Target 90%" })
        {
            html.ShouldNotContain(unseen);
        }

        html.ShouldContain("id=\"legend\"");
        Row(html, "measure-1", "December 2026 (to date)").ShouldContain("Shown when the month ends");
        Row(html, "measure-1", "March 2026").ShouldContain("Not yet computed");
        // Barnes' cohort is 3 in odd months: withheld, with Kew's 14 beside it so neither can be worked out from the total.
        // Shown months: December 2025 to November 2026 but March and April, five of them odd.
        var barnes = WardRow(html, "measure-1", RollupSeed.Barnes);
        barnes.ShouldContain("<span aria-hidden=\"true\">[c]</span><span class=\"govuk-visually-hidden\">withheld</span>");
        Regex.Count(barnes, @"\[c\]").ShouldBe(5);
        barnes.ShouldNotContain(">3<");
        Regex.Count(WardRow(html, "measure-1", RollupSeed.Kew), @"\[c\]").ShouldBe(5, "Kew is withheld whenever Barnes is");
        WardRow(html, "measure-1", "Ward not recorded").ShouldContain(">0<");
        html.ShouldContain("Target 120");
    }

    [Fact]
    public async Task An_analyst_sees_re_offending_and_NI_30_against_target_with_provisional_figures_said_in_words_and_a_councillor_sees_neither()
    {
        await RollupSeed.SeedYearAsync(host);
        var november = ReportingPeriod.Month(2026, 11);
        var rollup = RollupSeed.Rollup(november, ("cohort.size", [(RollupSeed.Kew, 40)]));
        await RollupSeed.StoreAsync(host, november, rollup with
        {
            Tables =
            [
                .. rollup.Tables,
                new MeasureTable("reoffending.binary-rate", "total", MeasureUnit.Share, [new MeasureCell("all", 0.25m, Provisional: true)]),
                new MeasureTable("reoffending.cohort", "category", MeasureUnit.Count, [new MeasureCell("ppo", 40, Provisional: true)]),
                new MeasureTable("reoffending.cohort", "total", MeasureUnit.Count, [new MeasureCell("all", 40, Provisional: true)]),
            ],
        });
        await StoreYearAsync(ReportingPeriod.FinancialYear(2025), 120, provisional: false);
        await StoreYearAsync(ReportingPeriod.FinancialYear(2026), 61, provisional: true);

        var (_, analyst) = await GetAsync(Roles.Analyst);
        var (_, councillor) = await GetAsync(Roles.Councillor);

        analyst.ShouldContain("<code class=\"iom-measure-name\">reoffending.binary-rate</code>");
        Row(analyst, SectionOf(analyst, "reoffending.binary-rate"), "November 2026").ShouldContain("25%");
        Row(analyst, SectionOf(analyst, "reoffending.binary-rate"), "November 2026").ShouldContain("Provisional");
        var ni30 = SectionOf(analyst, "ni30.proven-offences");
        analyst.ShouldContain("Target: no more than 127.");
        Row(analyst, ni30, "FY2025-26").ShouldContain(">120<");
        Row(analyst, ni30, "FY2025-26").ShouldNotContain("Provisional");
        Row(analyst, ni30, "FY2026-27 (to date)").ShouldContain("61 <strong class=\"govuk-tag govuk-tag--grey\">Provisional</strong>");
        Row(analyst, ni30, "FY2024-25").ShouldContain("Not yet computed");
        analyst.ShouldContain("61 (provisional)");
        analyst.ShouldContain("1 of the figures are provisional");
        foreach (var unseen in new[] { "reoffending", "Re-offending", "ni30", "NI 30", "FY20" })
        {
            councillor.ShouldNotContain(unseen);
        }
    }

    private Task StoreYearAsync(ReportingPeriod year, int offences, bool provisional) =>
        RollupSeed.StoreAsync(host, year, new Rollup(year.Name, RollupCalculator.DefinitionsVersion, new RollupWatermark(new DateTimeOffset(2026, 12, 14, 2, 0, 0, TimeSpan.Zero), null), !provisional,
        [
            new MeasureTable("ni30.interim.proven-offences", "total", MeasureUnit.Count, [new MeasureCell("all", offences / 2, provisional)]),
            new MeasureTable("ni30.interim.target", "total", MeasureUnit.Count, [new MeasureCell("all", 52)]),
            new MeasureTable("ni30.proven-offences", "total", MeasureUnit.Count, [new MeasureCell("all", offences, provisional)]),
            new MeasureTable("ni30.target", "total", MeasureUnit.Count, [new MeasureCell("all", 127)]),
        ]));

    private static string SectionOf(string html, string measure) =>
        Regex.Match(html, $"<section class=\"iom-measure\" id=\"(?<id>[^\"]+)\"[^>]*>\\s*<h2[^>]*>[^<]*</h2>\\s*<p class=\"govuk-body-s\">Measure <code class=\"iom-measure-name\">{Regex.Escape(measure)}</code>") is { Success: true } match
            ? match.Groups["id"].Value
            : throw new ShouldAssertException($"No section for {measure}.");

    [Fact]
    public async Task Two_months_that_differ_only_in_withheld_figures_give_a_councillor_the_same_page_byte_for_byte_charts_included()
    {
        var november = ReportingPeriod.Month(2026, 11);
        await RollupSeed.StoreAsync(host, november, RollupSeed.Rollup(november, ("cohort.size", [(RollupSeed.Barnes, 3), (RollupSeed.Hampton, 30), (RollupSeed.Kew, 40)])));
        var first = await CouncillorPageAsync();

        await RollupSeed.StoreAsync(host, november, RollupSeed.Rollup(november, ("cohort.size", [(RollupSeed.Barnes, 1), (RollupSeed.Hampton, 32), (RollupSeed.Kew, 40)])));
        var second = await CouncillorPageAsync();

        first.ShouldContain("[c]");
        second.ShouldBe(first);
    }

    [Fact]
    public async Task Hostile_measure_ward_and_period_names_in_stored_rollups_are_written_only_encoded()
    {
        var november = ReportingPeriod.Month(2026, 11);
        await RollupSeed.StoreAsync(host, november, RollupSeed.Rollup(november, (Hostile, [(Hostile, 12), (RollupSeed.Kew, 40)])) with { Period = Hostile });

        foreach (var role in new[] { Roles.Analyst, Roles.Councillor })
        {
            var (status, html) = await GetAsync(role);

            status.ShouldBe(HttpStatusCode.OK);
            html.ShouldNotContain("<script>alert(1)</script>");
            html.ShouldContain(HostileEncoded, customMessage: $"the {role} page shows the hostile measure name, encoded");
        }

        var (_, councillor) = await GetAsync(Roles.Councillor);
        WardRow(councillor, "measure-1", HostileEncoded).ShouldContain(">12<");
    }

    [Fact]
    public async Task An_analyst_sees_the_cohort_breakdowns_and_referrals_by_agency_of_the_last_final_month_as_captioned_tables_with_scoped_headers()
    {
        await RollupSeed.SeedYearAsync(host);

        var (status, html) = await GetAsync(Roles.Analyst);

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<h2 class=\"govuk-heading-m\" id=\"breakdowns-heading\">Breakdowns for November 2026</h2>");
        var ward = Table(html, "breakdown-ward");
        ward.ShouldContain("<caption class=\"govuk-table__caption govuk-table__caption--s\">The cohort by ward, November 2026</caption>");
        ward.ShouldContain("<th scope=\"col\" class=\"govuk-table__header\">Ward</th>");
        ward.ShouldContain(">Cohort size</th>");
        // November: Barnes' cohort is 3 (odd month), shown to an analyst; 1 joined, 2 left.
        BreakdownRow(html, "breakdown-ward", RollupSeed.Barnes).ShouldBe(
            "<td class=\"govuk-table__cell govuk-table__cell--numeric\">3</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">1</td><td class=\"govuk-table__cell govuk-table__cell--numeric\">2</td>");
        BreakdownRow(html, "breakdown-gender", "Not recorded").ShouldContain(">1<");
        Table(html, "breakdown-category").ShouldContain("The cohort by category, November 2026");
        // Referrals received in November: 6 + 2 + 9 + 23 = 40, one of them probation's.
        Table(html, "breakdown-agency").ShouldContain("Referrals by agency, November 2026");
        // Agency rows are named by the configured list, not by the code the rollup holds.
        BreakdownRow(html, "breakdown-agency", "Police").ShouldStartWith("<td class=\"govuk-table__cell govuk-table__cell--numeric\">39</td>");
        BreakdownRow(html, "breakdown-agency", HostileEncoded).ShouldStartWith("<td class=\"govuk-table__cell govuk-table__cell--numeric\">1</td>");
        html.ShouldContain("name=\"period\"");
        html.ShouldContain("value=\"2026-11\"");
    }

    [Theory]
    [InlineData("2026-10", "Breakdowns for October 2026", null)]
    [InlineData("2026-03", "Breakdowns for March 2026", "March 2026 has not been computed yet.")]
    [InlineData("2026-Q3", "Breakdowns for 2026-Q3", "2026-Q3 has not been computed yet.")]
    [InlineData("2024-05", "Breakdowns for May 2024", "May 2024 has not been computed yet.")]
    public async Task A_chosen_period_gets_its_breakdowns_and_one_not_computed_says_so(string period, string heading, string? notComputed)
    {
        await RollupSeed.SeedYearAsync(host);

        var (status, html) = await GetAsync(Roles.Coordinator, $"?period={period}");

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain($">{heading}</h2>");
        if (notComputed is null)
        {
            // October is even: Barnes' cohort is 8.
            BreakdownRow(html, "breakdown-ward", RollupSeed.Barnes).ShouldStartWith("<td class=\"govuk-table__cell govuk-table__cell--numeric\">8</td>");
        }
        else
        {
            html.ShouldContain(notComputed);
            html.ShouldNotContain("id=\"breakdown-ward\"");
        }
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("november")]
    [InlineData("")]
    [InlineData("2026-11&period=2026-10")]
    [InlineData("%22%3E%3Cscript%3E")]
    public async Task A_malformed_period_is_400_problem_details_naming_the_parameter(string query)
    {
        using var request = RunningLocalHost.Request(HttpMethod.Get, $"{Path}?period={query}", Roles.Analyst);
        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.ShouldContain("\"period\"");
        body.ShouldNotContain("<script>");
    }

    [Fact]
    public async Task A_period_typed_into_the_pages_form_that_is_not_one_gets_the_page_again_with_400_and_the_govuk_error_summary()
    {
        await RollupSeed.SeedYearAsync(host);
        using var request = RunningLocalHost.Request(HttpMethod.Get, $"{Path}?period={Uri.EscapeDataString(Hostile)}", Roles.Analyst);
        request.Headers.Accept.ParseAdd("text/html");

        var response = await host.Client.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("<title>Error: ");
        html.ShouldContain("class=\"govuk-error-summary\"");
        html.ShouldContain("<a href=\"#period\">Enter a period as a month (2026-11), a quarter (2026-Q3) or a financial year (FY2026-27).</a>");
        html.ShouldContain("govuk-input--error");
        html.ShouldContain($"value=\"{HostileEncoded}\"");
        html.ShouldNotContain("<script>alert(1)</script>");
        html.ShouldNotContain("id=\"breakdown-ward\"");
        // The charts are still there: only the breakdowns wait for a period.
        html.ShouldContain("<code class=\"iom-measure-name\">cohort.size</code>");
    }

    [Fact]
    public async Task A_councillor_gets_no_breakdowns_whatever_period_is_asked_for()
    {
        await RollupSeed.SeedYearAsync(host);

        var (status, html) = await GetAsync(Roles.Councillor, "?period=2026-10");

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldNotContain("id=\"breakdowns\"");
        html.ShouldNotContain("breakdown-");
        html.ShouldNotContain(">ppo<");
        html.ShouldNotContain(">female<");
    }

    [Fact]
    public async Task Hostile_keys_in_the_breakdowns_are_written_only_encoded()
    {
        var november = ReportingPeriod.Month(2026, 11);
        var rollup = RollupSeed.Rollup(november, ("cohort.size", [(Hostile, 12), (RollupSeed.Kew, 40)]), ("referrals.received", [(RollupSeed.Kew, 9)]));
        await RollupSeed.StoreAsync(host, november, rollup with
        {
            Tables = [.. rollup.Tables.Select(t => t.Breakdown is "category" or "agency" ? t with { Cells = [.. t.Cells, new MeasureCell(Hostile, 7)] } : t)],
        });

        var (status, html) = await GetAsync(Roles.Analyst);

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldNotContain("<script>alert(1)</script>");
        BreakdownRow(html, "breakdown-ward", HostileEncoded).ShouldContain(">12<");
        BreakdownRow(html, "breakdown-category", HostileEncoded).ShouldContain(">7<");
        // A key of no listed agency (a rollup stored under older definitions) is never shown as it is.
        BreakdownRow(html, "breakdown-agency", Iom.Functions.Performance.DashboardView.UnlistedAgency).ShouldContain(">7<");
        BreakdownRow(html, "breakdown-agency", HostileEncoded).ShouldNotContain(">7<");
    }

    [Fact]
    public async Task The_page_holds_no_personal_data_of_the_people_in_the_store()
    {
        var (referralId, personId) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        await RollupSeed.SeedYearAsync(host);

        foreach (var role in new[] { Roles.Analyst, Roles.Coordinator, Roles.Councillor })
        {
            var (_, html) = await GetAsync(role);
            foreach (var personal in new[] { "Darren", "Quenby", "1994-03-02", "2 March 1994", "2012/0052494Q", "0052494Q", "TW9 1AA", "tw9 1aa", "Sam Patel", "sam.patel", referralId, personId, "IOM-26" })
            {
                html.ShouldNotContain(personal, Case.Insensitive, $"the {role} page");
            }
        }
    }

    [Theory]
    [InlineData(Roles.Referrer)]
    [InlineData(Roles.PanelMember)]
    [InlineData(Roles.PrisonLink)]
    [InlineData(Roles.Prosecutor)]
    [InlineData(Roles.Auditor)]
    public async Task Any_other_role_is_refused_with_403_problem_details(string role)
    {
        using var request = RunningLocalHost.Request(HttpMethod.Get, Path, role);
        var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task With_no_rollups_stored_every_month_says_not_yet_computed()
    {
        var (status, html) = await GetAsync(Roles.Coordinator);

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("No measures have been computed for these months yet.");
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string role, string query = "")
    {
        using var request = RunningLocalHost.Request(HttpMethod.Get, Path + query, role);
        var response = await host.Client.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The page without its per-response nonce.</summary>
    private async Task<string> CouncillorPageAsync() => Nonce().Replace((await GetAsync(Roles.Councillor)).Html, "nonce");

    private static string Row(string html, string section, string period) =>
        Regex.Match(html, $"id=\"{section}-figures\".*?<th scope=\"row\" class=\"govuk-table__header\">{Regex.Escape(period)}</th>(?<cells>.*?)</tr>", RegexOptions.Singleline) is { Success: true } match
            ? match.Groups["cells"].Value
            : throw new ShouldAssertException($"No row {period} in {section}.");

    private static string WardRow(string html, string section, string ward) =>
        Regex.Match(html, $"id=\"{section}-wards\".*?<th scope=\"row\" class=\"govuk-table__header\">{Regex.Escape(ward)}</th>(?<cells>.*?)</tr>", RegexOptions.Singleline) is { Success: true } match
            ? match.Groups["cells"].Value
            : throw new ShouldAssertException($"No ward {ward} in {section}.");

    private static string Table(string html, string id) =>
        Regex.Match(html, $"<table [^>]*id=\"{id}\".*?</table>", RegexOptions.Singleline) is { Success: true } match
            ? match.Value
            : throw new ShouldAssertException($"No table {id}.");

    private static string BreakdownRow(string html, string id, string key) =>
        Regex.Match(Table(html, id), $"<th scope=\"row\" class=\"govuk-table__header\">{Regex.Escape(key)}</th>(?<cells>.*?)</tr>", RegexOptions.Singleline) is { Success: true } match
            ? match.Groups["cells"].Value
            : throw new ShouldAssertException($"No row {key} in {id}.");

    [GeneratedRegex("nonce[-=]\"?[A-Za-z0-9+/=]+")]
    private static partial Regex Nonce();
}
