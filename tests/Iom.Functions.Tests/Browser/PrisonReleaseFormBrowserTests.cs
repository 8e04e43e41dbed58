using Deque.AxeCore.Playwright;
using Iom.Application.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Iom.Functions.Tests.Browser;

/// <summary>The prison link's release form in real headless Chromium against the real local host.</summary>
[Collection(SharedBrowser.Name)]
public sealed class PrisonReleaseFormBrowserTests(BrowserFixture fixture)
{
    private const string FormPath = "/api/prison-releases/new";

    [Fact]
    public async Task Axe_finds_no_accessibility_violations_on_the_empty_form_the_form_with_errors_or_the_confirmation_page()
    {
        var page = await NewPageAsync();

        await page.GotoAsync(FormPath);
        await ShouldHaveNoAxeViolationsAsync(page, "the empty form");

        await FillAsync(page, "F6789GH", "Bethany", "Carrow", reason: null);
        await page.GetByLabel("Town or city").FillAsync("");
        await SubmitAsync(page);
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await ShouldHaveNoAxeViolationsAsync(page, "the form with errors");

        await page.GotoAsync(FormPath);
        await FillAsync(page, "F6789GH", "Bethany", "Carrow");
        await SubmitAsync(page);
        await page.WaitForURLAsync("**/api/prison-releases/new/confirmation?id=*");
        await ShouldHaveNoAxeViolationsAsync(page, "the confirmation page");
    }

    [Fact]
    public async Task With_JavaScript_off_a_form_with_errors_shows_the_summary_first_keeps_the_values_and_once_corrected_ends_on_the_confirmation()
    {
        var page = await NewPageAsync(javaScript: false);
        await page.GotoAsync(FormPath);
        var eventId = await page.Locator("input[name=eventId]").InputValueAsync();

        await FillAsync(page, "G7890HJ", "Callum", "Dearden", reason: null);
        await SubmitAsync(page);

        var firstInMain = page.Locator(".govuk-grid-column-two-thirds > :first-child");
        await Expect(firstInMain).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("govuk-error-summary"));
        (await page.Locator(".govuk-error-summary a").AllInnerTextsAsync()).ShouldBe(["Select what happened"]);
        await Expect(page.Locator("#givenName")).ToHaveValueAsync("Callum");
        await Expect(page.Locator("#occurredAtTime")).ToHaveValueAsync("08:30");
        await Expect(page.Locator("#addressPostcode")).ToHaveValueAsync("TW9 1AA");
        await Expect(page.Locator("input[name=eventId]")).ToHaveValueAsync(eventId);

        await page.GetByLabel("Released to hospital").CheckAsync();
        await SubmitAsync(page);

        await page.WaitForURLAsync("**/api/prison-releases/new/confirmation?id=*");
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Release reported");
        (await page.Locator("#notification-id").InnerTextAsync()).Trim().ShouldMatch("^release-[0-9a-f]{32}$");
        (await page.ContentAsync()).ShouldNotContain("Dearden");
    }

    [Fact]
    public async Task Hostile_values_posted_in_every_field_come_back_intact_as_text_and_nothing_is_injected()
    {
        string[] hostile =
        [
            "\"><script>window.injected='script'</script>",
            "</textarea><img src=x onerror=window.injected='img'>",
            "A & B <i>\"q\"</i>",
            "'onmouseover='window.injected=1",
            "\" autofocus onfocus=\"window.injected='focus'",
            "{{x}}",
            "</title><b class=injected>b</b>",
        ];
        var page = await NewPageAsync();
        await page.AddInitScriptAsync(
            "window.violations = []; document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective + ' ' + e.sample));");
        await page.GotoAsync(FormPath);

        var textFields = await page.Locator("form input[type=text], form textarea").EvaluateAllAsync<string[]>("els => els.map(e => e.id)");
        textFields.Length.ShouldBe(20);
        var sent = textFields.Select((id, i) => (Id: id, Value: hostile[i % hostile.Length])).ToList();
        foreach (var (id, value) in sent)
        {
            await page.Locator($"#{id}").FillAsync(value);
        }

        await page.EvaluateAsync("value => { const input = document.querySelector('form input[name=reason]'); input.checked = true; input.value = value; }", hostile[0]);

        var response = await page.RunAndWaitForResponseAsync(() => SubmitAsync(page), r => r.Request.Method == "POST");

        response.Status.ShouldBe(400);
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        foreach (var (id, value) in sent)
        {
            await Expect(page.Locator($"#{id}")).ToHaveValueAsync(value);
        }

        (await page.EvaluateAsync<string?>("() => window.injected === undefined ? null : String(window.injected)")).ShouldBeNull("a script ran");
        (await page.EvaluateAsync<string[]>("() => window.violations")).ShouldBeEmpty("an injected script was blocked");
        (await page.Locator("img, i, b, .injected, [onerror], [onmouseover], [onfocus], [autofocus]:not(.govuk-error-summary), script:not([nonce]):not([src])")
                   .EvaluateAllAsync<string[]>("els => els.map(e => e.outerHTML)")).ShouldBeEmpty("elements or handlers injected");
        (await page.TitleAsync()).ShouldBe("Error: Report a prison release – Prison release notifications");
    }

    private Task<IPage> NewPageAsync(bool javaScript = true) =>
        fixture.NewPageAsync(role: Roles.PrisonLink, agency: "hmpps", email: "link@hmpps.example.gov.uk", javaScript: javaScript, name: "Pat Link");

    private static async Task FillAsync(IPage page, string prisonNumber, string given, string family, string? reason = "Released")
    {
        await page.GetByLabel("Prison code").FillAsync("SWI");
        await page.GetByLabel("Prison number").FillAsync(prisonNumber);
        await page.GetByLabel("Given name").FillAsync(given);
        await page.GetByLabel("Family name").FillAsync(family);
        await page.Locator("#dateOfBirth-day").FillAsync("12");
        await page.Locator("#dateOfBirth-month").FillAsync("11");
        await page.Locator("#dateOfBirth-year").FillAsync("1990");
        if (reason is not null)
        {
            await page.GetByLabel(reason, new() { Exact = true }).CheckAsync();
        }

        await page.Locator("#releaseDate-day").FillAsync("14");
        await page.Locator("#releaseDate-month").FillAsync("12");
        await page.Locator("#releaseDate-year").FillAsync("2026");
        await page.Locator("#occurredAt-day").FillAsync("14");
        await page.Locator("#occurredAt-month").FillAsync("12");
        await page.Locator("#occurredAt-year").FillAsync("2026");
        await page.GetByLabel("Time it happened").FillAsync("08:30");
        await page.GetByLabel("Address line 1").FillAsync("1 Sheen Road");
        await page.GetByLabel("Town or city").FillAsync("Richmond");
        await page.GetByLabel("Postcode").FillAsync("TW9 1AA");
        await page.GetByLabel("Notes (optional)").FillAsync("Licence: curfew 19:00 to 07:00.");
    }

    private static Task SubmitAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Send release notification" }).ClickAsync();

    private static async Task ShouldHaveNoAxeViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        result.Passes.ShouldNotBeEmpty("axe checked nothing");
        result.Violations.ShouldBeEmpty(
            $"axe found on {what}: " + string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
