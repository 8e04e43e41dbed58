using Deque.AxeCore.Playwright;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Domain.Performance;
using Iom.Functions.Tests.Performance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Iom.Functions.Tests.Browser;

/// <summary>
/// The performance dashboard in real headless Chromium against the real local host (the shared fixture's clock:
/// 14 December 2026), with a year of rollups stored as the job stores them. Each role's view is screenshotted into the
/// test output folder, on screen and as printed.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class DashboardBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Path = "/api/performance/dashboard";

    public async ValueTask InitializeAsync() => await RollupSeed.SeedYearAsync(fixture.Host);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Councillor)]
    public async Task Each_roles_view_has_no_axe_violations_and_its_screenshot_is_in_the_test_output(string role)
    {
        var page = await fixture.NewPageAsync(role: role, email: "performance@richmond.example.gov.uk", name: "Performance Reader");
        var response = await page.GotoAsync(Path);

        response!.Status.ShouldBe(200);
        await Expect(page.Locator("h1")).ToHaveTextAsync(role == Roles.Councillor ? "Ward performance" : "Performance dashboard");
        (await page.Locator("svg[role=img]").CountAsync()).ShouldBe(role == Roles.Councillor ? 2 : 6);
        // Analysts and co-ordinators also get the breakdown tables (and the period form) that axe checks here.
        (await page.Locator("table.iom-breakdown").CountAsync()).ShouldBe(role == Roles.Councillor ? 0 : 4);
        var result = await page.RunAxe();
        result.Passes.ShouldNotBeEmpty("axe checked nothing");
        result.Violations.ShouldBeEmpty(
            $"axe found on the {role} dashboard: " + string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));

        await ScreenshotAsync(page, $"dashboard-{role}.png");
    }

    [Fact]
    public async Task Every_chart_is_named_and_described_to_assistive_technology_and_has_its_figures_in_a_table_beside_it()
    {
        var page = await fixture.NewPageAsync(role: Roles.Analyst);
        await page.GotoAsync(Path);

        var charts = page.Locator("svg[role=img]");
        for (var i = 0; i < await charts.CountAsync(); i++)
        {
            var chart = charts.Nth(i);
            var labelledBy = (await chart.GetAttributeAsync("aria-labelledby"))!.Split(' ');
            (await page.Locator($"svg title#{labelledBy[0]}").TextContentAsync()).ShouldNotBeNullOrWhiteSpace();
            (await page.Locator($"svg desc#{labelledBy[1]}").TextContentAsync())!.ShouldContain("The table gives every figure");
            var section = page.Locator("section.iom-measure").Nth(i);
            (await section.Locator("table tbody tr").CountAsync()).ShouldBe(13);
        }
    }

    [Fact]
    public async Task Each_breakdown_table_has_a_caption_and_headers_scoped_to_their_column_or_row_and_prints_without_the_period_form()
    {
        var page = await fixture.NewPageAsync(role: Roles.Analyst);
        await page.GotoAsync(Path + "?period=2026-10");

        var tables = page.Locator("table.iom-breakdown");
        (await tables.CountAsync()).ShouldBe(4);
        foreach (var table in await tables.AllAsync())
        {
            (await table.Locator("caption").TextContentAsync())!.ShouldEndWith("October 2026");
            var columns = await table.Locator("thead th").CountAsync();
            (await table.Locator("thead th[scope=col]").CountAsync()).ShouldBe(columns);
            var rows = await table.Locator("tbody tr").CountAsync();
            rows.ShouldBeGreaterThan(0);
            (await table.Locator("tbody th[scope=row]").CountAsync()).ShouldBe(rows);
        }

        await Expect(page.Locator("#period")).ToHaveValueAsync("2026-10");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator("form.iom-period-form")).ToBeHiddenAsync();
        await Expect(page.Locator("#breakdown-ward")).ToBeVisibleAsync();
        var pdf = System.IO.Path.Combine(OutputFolder(), "dashboard-analyst.pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true });
        new FileInfo(pdf).Length.ShouldBeGreaterThan(0);
        output.WriteLine($"Printed dashboard (analyst, October 2026 breakdowns): {pdf}");
    }

    [Fact]
    public async Task A_period_that_is_not_one_gets_the_error_summary_with_no_axe_violations_and_its_link_reaches_the_field()
    {
        var page = await fixture.NewPageAsync(role: Roles.Analyst);
        var response = await page.GotoAsync(Path + "?period=nov");

        response!.Status.ShouldBe(400);
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("#period")).ToHaveValueAsync("nov");
        var result = await page.RunAxe();
        result.Violations.ShouldBeEmpty(string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
        await page.Locator(".govuk-error-summary a[href='#period']").ClickAsync();
        await Expect(page.Locator("#period")).ToBeFocusedAsync();
        await ScreenshotAsync(page, "dashboard-period-error.png");
    }

    [Fact]
    public async Task Printed_the_page_has_no_navigation_chrome_and_every_chart_fits_an_a4_page()
    {
        var page = await fixture.NewPageAsync(role: Roles.Councillor);
        await page.GotoAsync(Path);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await Expect(page.Locator(".govuk-template__header")).ToBeHiddenAsync();
        await Expect(page.Locator(".govuk-skip-link")).ToBeHiddenAsync();
        // A4 less the 12 mm margins is 186 mm wide, about 703 CSS pixels.
        foreach (var box in await Task.WhenAll((await page.Locator("svg.iom-chart").AllAsync()).Select(c => c.BoundingBoxAsync())))
        {
            box!.Width.ShouldBeLessThanOrEqualTo(703);
        }

        await ScreenshotAsync(page, "dashboard-councillor-print.png");
        var pdf = System.IO.Path.Combine(OutputFolder(), "dashboard-councillor.pdf");
        await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true });
        new FileInfo(pdf).Length.ShouldBeGreaterThan(0);
        output.WriteLine($"Printed dashboard (councillor): {pdf}");
    }

    [Fact]
    public async Task NI_30_year_by_year_has_no_axe_violations_and_says_which_figures_are_provisional()
    {
        (ReportingPeriod Year, int Offences, bool Provisional)[] years = [(ReportingPeriod.FinancialYear(2025), 120, false), (ReportingPeriod.FinancialYear(2026), 61, true)];
        var documents = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        foreach (var (year, offences, provisional) in years)
        {
            await RollupSeed.StoreAsync(fixture.Host, year, new Rollup(year.Name, RollupCalculator.DefinitionsVersion, new RollupWatermark(DateTimeOffset.UnixEpoch, null), !provisional,
            [
                new MeasureTable("ni30.proven-offences", "total", MeasureUnit.Count, [new MeasureCell("all", offences, provisional)]),
                new MeasureTable("ni30.target", "total", MeasureUnit.Count, [new MeasureCell("all", 127)]),
            ]));
        }

        try
        {
            var page = await fixture.NewPageAsync(role: Roles.Analyst);
            await page.GotoAsync(Path);

            var section = page.Locator("section.iom-measure", new PageLocatorOptions { Has = page.Locator("code", new PageLocatorOptions { HasText = "ni30.proven-offences" }) });
            await Expect(section.Locator("tbody tr")).ToHaveCountAsync(3);
            await Expect(section.Locator("tbody tr").Nth(2)).ToContainTextAsync("Provisional");
            (await section.Locator("svg desc").TextContentAsync())!.ShouldContain("provisional");
            var result = await page.RunAxe();
            result.Violations.ShouldBeEmpty(string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Help})")));
            await ScreenshotAsync(page, "dashboard-ni30.png");
        }
        finally
        {
            // The fixture's host is shared: the other tests expect no financial years stored.
            foreach (var (year, _, _) in years)
            {
                await documents.DeleteAsync(Iom.Application.Performance.Rollups.RollupDocuments.KeyOf(year), cancellationToken: CancellationToken.None);
            }
        }
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        var path = System.IO.Path.Combine(OutputFolder(), name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        new FileInfo(path).Length.ShouldBeGreaterThan(0);
        output.WriteLine($"Screenshot: {path}");
    }

    private static string OutputFolder() =>
        Directory.CreateDirectory(System.IO.Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard")).FullName;
}
