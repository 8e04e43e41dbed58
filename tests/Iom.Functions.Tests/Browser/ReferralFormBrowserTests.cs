using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Iom.Functions.Tests.Referrals;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Iom.Functions.Tests.Browser;

/// <summary>The referral form in real headless Chromium against the real local host.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ReferralFormBrowserTests(BrowserFixture fixture)
{
    private const string FormPath = "/api/referrals/new";
    private const string ReferrerEmail = "sam.patel@met.example.gov.uk";

    /// <summary>A person nobody else in these tests refers, so no test is refused as another's duplicate.</summary>
    private sealed record Person(string Given, string Family, string Day, string Month, string Year, string? Pnc = null)
    {
        public string DateOfBirth => $"{Year}-{Month.PadLeft(2, '0')}-{Day.PadLeft(2, '0')}";

        public JsonObject AsReferral() => new()
        {
            ["person"] = new JsonObject
            {
                ["givenName"] = Given, ["familyName"] = Family, ["dateOfBirth"] = DateOfBirth, ["pncId"] = Pnc,
                ["postcode"] = "TW9 1AA", ["ward"] = "South Richmond",
            },
        };
    }

    [Fact]
    public async Task A_valid_submission_ends_on_the_confirmation_page_with_the_reference_and_meeting_and_the_acknowledgement_holds_no_personal_data()
    {
        var person = new Person("Darren", "Quenby", "2", "3", "1994", "2012/0052494Q");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(FormPath);

        await FillValidAsync(page, person);
        await SubmitAsync(page);

        await page.WaitForURLAsync("**/api/referrals/*/confirmation");
        var reference = (await page.Locator("#reference").InnerTextAsync()).Trim();
        reference.ShouldMatch("^IOM-261214-[0-9A-Z]{4}$");
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Referral submitted");
        await Expect(page.Locator("#meeting")).ToContainTextAsync("12 January 2027");
        await ShouldShowNoPersonalDataAsync(page, person);

        var mail = await Outbox.WaitForAsync(fixture.Host, ReferrerEmail, reference);
        mail.ShouldContain("12 January 2027");
        mail.ShouldContain(new Uri(page.Url).AbsolutePath);
        Outbox.ShouldHoldNoPersonalData(mail, person.AsReferral());
    }

    [Fact]
    public async Task An_invalid_submission_shows_the_error_summary_focused_with_links_that_move_focus_to_the_fields_and_keeps_every_value()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(FormPath);
        await FillAsync(page, new Person("Amelia", "Rowntree", "30", "2", "1994", "2012/0052494X"), riskOfSeriousHarm: null);
        await page.Locator("#reason").FillAsync("");
        await page.Locator("#referrerEmail").FillAsync("not-an-email");

        var response = await page.RunAndWaitForResponseAsync(() => SubmitAsync(page), r => r.Request.Method == "POST");

        response.Status.ShouldBe(400);
        (await page.TitleAsync()).ShouldStartWith("Error: ");
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("[role=alert]")).ToBeVisibleAsync();
        (await summary.Locator("a").AllInnerTextsAsync()).ShouldBe(
        [
            "Date of birth must be a real date",
            "The PNC ID check letter is wrong",
            "Select the risk of serious harm",
            "Enter the reason for the referral",
            "Enter an email address in the correct format, like name@example.gov.uk",
        ]);

        foreach (var (href, target) in new[] { ("#pncId", "#pncId"), ("#dateOfBirth-day", "#dateOfBirth-day"), ("#riskOfSeriousHarm", "#riskOfSeriousHarm"), ("#reason", "#reason") })
        {
            await summary.Locator($"a[href='{href}']").ClickAsync();
            await Expect(page.Locator(target)).ToBeFocusedAsync();
        }

        await Expect(page.Locator("#pncId-error")).ToContainTextAsync("The PNC ID check letter is wrong");
        await Expect(page.Locator(".govuk-form-group--error:has(#pncId)")).ToHaveCountAsync(1);
        await Expect(page.Locator("#pncId")).ToHaveClassAsync(new Regex("govuk-input--error"));
        await Expect(page.Locator("#dateOfBirth-day")).ToHaveClassAsync(new Regex("govuk-input--error"));
        await Expect(page.Locator("#givenName")).ToHaveValueAsync("Amelia");
        await Expect(page.Locator("#familyName")).ToHaveValueAsync("Rowntree");
        await Expect(page.Locator("#dateOfBirth-day")).ToHaveValueAsync("30");
        await Expect(page.Locator("#dateOfBirth-month")).ToHaveValueAsync("2");
        await Expect(page.Locator("#dateOfBirth-year")).ToHaveValueAsync("1994");
        await Expect(page.Locator("#pncId")).ToHaveValueAsync("2012/0052494X");
        await Expect(page.Locator("#postcode")).ToHaveValueAsync("TW9 1AA");
        await Expect(page.Locator("#ogrsScore")).ToHaveValueAsync("81");
        await Expect(page.Locator("#referrerEmail")).ToHaveValueAsync("not-an-email");
        await Expect(page.Locator("#referralType")).ToBeCheckedAsync();
        await Expect(page.Locator("#emergency-2")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Burglary")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Accommodation")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Shoplifting")).Not.ToBeCheckedAsync();
    }

    [Fact]
    public async Task Axe_finds_no_accessibility_violations_on_the_empty_form_the_form_with_errors_or_the_confirmation_page()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync(FormPath);
        await ShouldHaveNoAxeViolationsAsync(page, "the empty form");

        await FillAsync(page, new Person("Bethany", "Carrow", "31", "13", "1990"), riskOfSeriousHarm: null);
        // A ward the list does not have (as a stale page or a hand-made post would send): the select is in error too.
        await page.Locator("#ward").EvaluateAsync("s => { s.add(new Option('Narnia', 'Narnia')); s.value = 'Narnia'; }");
        await SubmitAsync(page);
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("#ward-error")).ToBeVisibleAsync();
        await ShouldHaveNoAxeViolationsAsync(page, "the form with errors");

        await page.GotoAsync(FormPath);
        await FillValidAsync(page, new Person("Bethany", "Carrow", "12", "11", "1990"));
        await SubmitAsync(page);
        await page.WaitForURLAsync("**/confirmation");
        await ShouldHaveNoAxeViolationsAsync(page, "the confirmation page");
    }

    [Fact]
    public async Task The_form_works_with_JavaScript_disabled_showing_errors_at_the_top_and_confirming_a_valid_referral()
    {
        var page = await fixture.NewPageAsync(javaScript: false);
        await page.GotoAsync(FormPath);
        (await page.Locator("body").GetAttributeAsync("class"))!.ShouldNotContain("js-enabled");

        await FillAsync(page, new Person("Callum", "Dearden", "5", "6", "1988"), riskOfSeriousHarm: null);
        await SubmitAsync(page);
        var firstInMain = page.Locator(".govuk-grid-column-two-thirds > :first-child");
        await Expect(firstInMain).ToHaveClassAsync(new Regex("govuk-error-summary"));
        await Expect(firstInMain).ToBeFocusedAsync();

        await page.Locator("#riskOfSeriousHarm-3").CheckAsync();
        await SubmitAsync(page);

        await page.WaitForURLAsync("**/confirmation");
        (await page.Locator("#reference").InnerTextAsync()).Trim().ShouldMatch("^IOM-261214-[0-9A-Z]{4}$");
        await Expect(page.Locator("#meeting")).ToContainTextAsync("12 January 2027");
    }

    [Fact]
    public async Task GOV_UK_Frontend_styles_images_and_scripts_load_under_the_content_security_policy_with_Arial_not_GDS_Transport()
    {
        var page = await fixture.NewPageAsync();
        var failures = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                failures.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.RequestFailed += (_, request) => failures.Add($"failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failures.Add($"{response.Status}: {response.Url}");
            }
        };

        await page.GotoAsync(FormPath, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        var fonts = await page.EvaluateAsync<string[]>(
            "async () => { await document.fonts.ready; return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight); }");
        // GDS Transport is licensed for GOV.UK domains only: nothing of it is loaded, so text falls back to Arial.
        fonts.ShouldNotContain(f => f.StartsWith("GDS Transport", StringComparison.Ordinal));
        var imageLoaded = await page.EvaluateAsync<bool>(
            "async () => { const img = new Image(); img.src = document.querySelector('link[rel=icon][type=\"image/svg+xml\"]').href; await img.decode(); return img.naturalWidth > 0; }");
        imageLoaded.ShouldBeTrue();
        (await page.Locator("body").GetAttributeAsync("class"))!.ShouldContain("govuk-frontend-supported");
        await Expect(page.Locator("[data-module=govuk-radios][data-govuk-radios-init]").First).ToBeAttachedAsync();
        (await page.Locator("h1").EvaluateAsync<string>("h => getComputedStyle(h).fontFamily")).ShouldContain("arial");
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Hostile_values_posted_in_every_field_and_a_hostile_name_from_the_identity_come_back_intact_as_text_and_nothing_is_injected()
    {
        const string hostileName = "A & B <i>\"q\"</i>";
        string[] hostile =
        [
            "\"><script>window.injected='script'</script>",
            "</textarea><img src=x onerror=window.injected='img'>",
            hostileName,
            "'onmouseover='window.injected=1",
            "\" autofocus onfocus=\"window.injected='focus'",
            "{{x}}",
            "</title><b class=injected>b</b>",
        ];
        var page = await fixture.NewPageAsync(name: hostileName);
        await page.AddInitScriptAsync(
            "window.violations = []; document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective + ' ' + e.sample));");
        await page.GotoAsync(FormPath);
        await Expect(page.Locator("#referrerName")).ToHaveValueAsync(hostileName);
        await ShouldHaveNothingInjectedAsync(page, "the new form");

        // Every text box gets one of the hostile values; every radio and checkbox is ticked, and every select's option chosen, with its value replaced.
        var textFields = await page.Locator("form input[type=text], form input[type=email], form input[type=tel], form textarea")
                                   .EvaluateAllAsync<string[]>("els => els.map(e => e.id)");
        textFields.Length.ShouldBeGreaterThan(15);
        var sent = textFields.Select((id, i) => (Id: id, Value: hostile[i % hostile.Length])).ToList();
        foreach (var (id, value) in sent)
        {
            await page.Locator($"#{id}").FillAsync(value);
        }

        var choices = await page.EvaluateAsync<int>(
            """
            values => {
              const groups = [...new Set([...document.querySelectorAll('form input[type=radio], form input[type=checkbox]')].map(e => e.name))];
              groups.forEach((name, i) => { const input = document.querySelector(`form input[name="${name}"]`); input.checked = true; input.value = values[i % values.length]; });
              const selects = [...document.querySelectorAll('form select')];
              selects.forEach((select, i) => { const option = select.options[select.options.length - 1]; option.value = values[(groups.length + i) % values.length]; select.value = option.value; });
              return groups.length + selects.length;
            }
            """, hostile);
        // Nine groups of radios and checkboxes, and two selects (ethnicity, ward).
        choices.ShouldBe(11);

        var response = await page.RunAndWaitForResponseAsync(() => SubmitAsync(page), r => r.Request.Method == "POST");

        response.Status.ShouldBe(400);
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        foreach (var (id, value) in sent)
        {
            await Expect(page.Locator($"#{id}")).ToHaveValueAsync(value);
        }

        await ShouldHaveNothingInjectedAsync(page, "the form sent back with errors");
    }

    private static async Task ShouldHaveNothingInjectedAsync(IPage page, string what)
    {
        (await page.EvaluateAsync<string?>("() => window.injected === undefined ? null : String(window.injected)")).ShouldBeNull($"a script ran on {what}");
        (await page.EvaluateAsync<string[]>("() => window.violations")).ShouldBeEmpty($"an injected script was blocked on {what}");
        var injected = await page.Locator("img, i, b, .injected, [onerror], [onmouseover], [onfocus], [autofocus]:not(.govuk-error-summary), script:not([nonce]):not([src])")
                                 .EvaluateAllAsync<string[]>("els => els.map(e => e.outerHTML)");
        injected.ShouldBeEmpty($"elements or handlers injected on {what}");
        (await page.TitleAsync()).ShouldEndWith("Refer to Integrated Offender Management");
    }

    private static async Task FillValidAsync(IPage page, Person person) => await FillAsync(page, person, riskOfSeriousHarm: "#riskOfSeriousHarm-2");

    private static async Task FillAsync(IPage page, Person person, string? riskOfSeriousHarm)
    {
        await page.GetByLabel("Integrated Offender Management (IOM)").CheckAsync();
        await page.Locator("#emergency-2").CheckAsync();
        await page.GetByLabel("Given name").FillAsync(person.Given);
        await page.GetByLabel("Family name").FillAsync(person.Family);
        await page.GetByLabel("Day").FillAsync(person.Day);
        await page.GetByLabel("Month").FillAsync(person.Month);
        await page.GetByLabel("Year").FillAsync(person.Year);
        await page.GetByLabel("Male", new() { Exact = true }).CheckAsync();
        if (person.Pnc is not null)
        {
            await page.GetByLabel("PNC ID (optional)").FillAsync(person.Pnc);
        }

        await page.GetByLabel("Postcode (optional)").FillAsync("TW9 1AA");
        await page.GetByLabel("Ward (optional)").SelectOptionAsync(new SelectOptionValue { Label = "South Richmond" });
        await page.GetByLabel("Burglary").CheckAsync();
        await page.GetByLabel("Accommodation").CheckAsync();
        if (riskOfSeriousHarm is not null)
        {
            await page.Locator(riskOfSeriousHarm).CheckAsync();
        }

        await page.GetByLabel("Not managed under MAPPA").CheckAsync();
        await page.Locator("#maracCase-2").CheckAsync();
        await page.Locator("#statutory").CheckAsync();
        await page.GetByLabel("OGRS score (optional)").FillAsync("81");
        await page.GetByLabel("Why are you referring this person?").FillAsync("Prolific burglary and theft from vehicles since release.");
        await page.GetByLabel("Your name").FillAsync("PC Sam Patel");
        await page.GetByLabel("Your e-mail address").FillAsync(ReferrerEmail);
    }

    private static Task SubmitAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();

    private static async Task ShouldShowNoPersonalDataAsync(IPage page, Person person)
    {
        var text = await page.ContentAsync();
        foreach (var value in new[] { person.Given, person.Family, person.DateOfBirth, person.Pnc ?? person.Family, "TW9 1AA", "South Richmond" })
        {
            text.ShouldNotContain(value, Case.Insensitive);
        }
    }

    private static async Task ShouldHaveNoAxeViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        result.Passes.ShouldNotBeEmpty("axe checked nothing");
        result.Violations.ShouldBeEmpty(
            $"axe found on {what}: " + string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
