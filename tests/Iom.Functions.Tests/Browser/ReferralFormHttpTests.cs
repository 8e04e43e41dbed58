using System.Net;
using System.Text.RegularExpressions;
using Iom.Application.Identity;

namespace Iom.Functions.Tests.Browser;

/// <summary>
/// The form's pages and assets at the HTTP level, on the browser tests' local host: headers, caching, anti-forgery
/// and the refusal pages, which need no rendering to check.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class ReferralFormHttpTests(BrowserFixture fixture)
{
    private const string FormPath = "/api/referrals/new";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_is_sent_with_a_strict_content_security_policy_a_fresh_nonce_for_its_one_inline_script_and_no_caching()
    {
        using var client = Client();
        var nonces = new List<string>();
        foreach (var path in new[] { FormPath, FormPath, "/api/referrals/0123456789abcdef0123456789abcdef/confirmation" })
        {
            var response = await client.GetAsync(path, Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);

            response.Content.Headers.ContentType!.ToString().ShouldBe("text/html; charset=utf-8");
            var policy = Header(response, "Content-Security-Policy");
            var nonce = CspPattern().Match(policy).Groups["nonce"].Value;
            nonce.ShouldNotBeEmpty($"unexpected policy: {policy}");
            InlineScripts().Matches(html).Select(m => m.Value).ShouldBe([$"<script nonce=\"{nonce}\">"]);
            Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
            Header(response, "Referrer-Policy").ShouldBe("no-referrer");
            Header(response, "Cache-Control").ShouldBe("no-store");
            nonces.Add(nonce);
        }

        nonces.Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task The_stylesheet_images_and_scripts_are_served_anonymously_with_their_types_a_year_long_cache_and_nosniff()
    {
        using var client = Client();
        var html = await client.GetStringAsync(FormPath, Ct);
        var stylesheet = Attribute(html, "link rel=\"stylesheet\" href");
        var script = Attribute(html, "script type=\"module\" src");
        var manifest = Attribute(html, "link rel=\"manifest\" href");

        var css = await AssetShouldBeServedAsync(stylesheet, "text/css; charset=utf-8");
        css.ShouldNotContain("url(/assets/");
        // GDS Transport may only be used on GOV.UK domains: its faces are taken out and its files are not served.
        css.ShouldNotContain("@font-face");
        FontUrl().IsMatch(css).ShouldBeFalse();
        (await fixture.Host.Client.GetAsync("/api/assets/fonts/light-94a07e06a1-v2.woff2", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await AssetShouldBeServedAsync(script, "text/javascript; charset=utf-8")).ShouldContain("initAll()");
        await AssetShouldBeServedAsync(manifest, "application/manifest+json; charset=utf-8");
        await AssetShouldBeServedAsync(Attribute(html, "link rel=\"icon\" sizes=\"any\" href"), "image/svg+xml");
    }

    [Fact]
    public async Task An_asset_asked_for_without_its_version_is_revalidated_by_etag_instead_of_cached()
    {
        var response = await fixture.Host.Client.GetAsync("/api/assets/govuk-frontend.min.js", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "Cache-Control").ShouldBe("no-cache");
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/assets/govuk-frontend.min.js");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        (await fixture.Host.Client.SendAsync(again, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Theory]
    [InlineData("/api/assets/..%2F..%2Fhost.json")]
    [InlineData("/api/assets/%2e%2e/%2e%2e/panels.json")]
    [InlineData("/api/assets/..%5C..%5CIom.Functions.dll")]
    [InlineData("/api/assets/%2Fetc%2Fpasswd")]
    [InlineData("/api/assets/govuk-frontend.min.css.map")]
    [InlineData("/api/assets/GOVUK-FRONTEND.MIN.CSS")]
    [InlineData("/api/assets/fonts")]
    [InlineData("/api/assets/")]
    public async Task Anything_but_a_served_file_is_not_found_so_no_path_leaves_the_assets(string path)
    {
        var response = await fixture.Host.Client.GetAsync(path, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_or_with_another_users_token_gets_a_400_page_and_sends_nothing()
    {
        using var someone = Client(email: "someone@police.example");
        var token = await TokenAsync(someone);
        var fields = Fields("Dominic", "Eastwood", "4", "7", "1985");

        var missing = await someone.PostAsync(FormPath, new FormUrlEncodedContent(fields), Ct);
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync(Ct)).ShouldContain("this form has expired");
        Header(missing, "Content-Security-Policy").ShouldStartWith("default-src 'self'");

        // The same browser (same cookie), now signed in as someone else, replaying the first user's token.
        someone.DefaultRequestHeaders.Remove(ClientPrincipal.HeaderName);
        someone.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, Principal("police", "someone.else@police.example"));
        var replayed = await someone.PostAsync(FormPath, new FormUrlEncodedContent([token, .. fields]), Ct);
        replayed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Nothing was stored: the person can still be referred.
        var accepted = await someone.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(someone), .. fields]), Ct);
        accepted.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
    }

    [Fact]
    public async Task A_date_that_cannot_be_and_a_score_that_is_not_a_number_are_reported_together_with_every_other_error()
    {
        using var client = Client();
        var fields = Fields("", "Fairbairn", "31", "2", "1990").Where(f => f.Key != "ogrsScore").Append(new("ogrsScore", "lots")).ToList();

        var response = await client.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(client), .. fields]), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("<title>Error: ");
        SummaryLinks(html).ShouldBe(
        [
            ("#givenName", "Enter the person's given name"),
            ("#dateOfBirth-day", "Date of birth must be a real date"),
            ("#ogrsScore", "The OGRS score must be a whole number from 0 to 100"),
        ]);
        html.ShouldContain("value=\"lots\"");
        html.ShouldContain("value=\"Fairbairn\"");
    }

    [Fact]
    public async Task A_date_missing_a_part_marks_only_that_part()
    {
        using var client = Client();
        var fields = Fields("Gemma", "Hartley", "4", "", "1990");

        var html = await (await client.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(client), .. fields]), Ct)).Content.ReadAsStringAsync(Ct);

        SummaryLinks(html).ShouldBe([("#dateOfBirth-month", "Date of birth must include a month")]);
        ErrorInputs().Matches(html).Select(m => m.Groups["id"].Value).ShouldBe(["dateOfBirth-month"]);
    }

    [Fact]
    public async Task Ethnicity_is_selected_from_the_recorded_codes_and_the_chosen_code_is_stored_while_anything_else_is_an_error()
    {
        using var client = Client();
        var form = await client.GetStringAsync(FormPath, Ct);
        foreach (var code in Iom.Application.Referrals.Submit.ReferralVocabulary.Ethnicities)
        {
            form.ShouldContain($"<option value=\"{code}\">");
        }

        var chosen = Fields("Lena", "Morrow", "4", "4", "1984").Where(f => f.Key != "ethnicity").Append(new("ethnicity", "W4")).ToList();
        var submitted = await client.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(client), .. chosen]), Ct);
        submitted.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var id = submitted.Headers.Location!.ToString().Split('/')[^2];
        var stored = await Iom.Application.Referrals.ReferralStore.FindAsync(
            fixture.Host.Services.GetRequiredService<Iom.Application.Ports.Documents.IDocumentStore>(), id, Ct);
        stored!.Value.Person.Ethnicity.ShouldBe("W4");

        var madeUp = Fields("Mo", "Nash", "5", "5", "1985").Where(f => f.Key != "ethnicity").Append(new("ethnicity", "Z7")).ToList();
        var refused = await client.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(client), .. madeUp]), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        SummaryLinks(await refused.Content.ReadAsStringAsync(Ct)).Select(l => l.Href).ShouldBe(["#ethnicity"]);
    }

    [Fact]
    public async Task The_ward_is_chosen_from_the_configured_wards_by_name_and_stored_as_its_code_while_anything_else_is_an_error()
    {
        using var client = Client();
        var form = await client.GetStringAsync(FormPath, Ct);
        var select = form[form.IndexOf("<select class=\"govuk-select\" id=\"ward\" name=\"ward\"", StringComparison.Ordinal)..];
        select = select[..select.IndexOf("</select>", StringComparison.Ordinal)];
        WardOption().Matches(select).Select(m => (m.Groups["code"].Value, System.Net.WebUtility.HtmlDecode(m.Groups["name"].Value)))
            .ShouldBe([("", "Not known"), .. LocalHost.ShippedWards.List.All.Select(w => (w.Code, w.Name))]);

        var teddington = LocalHost.ShippedWards.List.Resolve("Teddington")!;
        var chosen = Fields("Petra", "Quayle", "6", "6", "1986").Where(f => f.Key != "ward").Append(new("ward", teddington.Code)).ToList();
        var submitted = await client.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(client), .. chosen]), Ct);
        submitted.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var id = submitted.Headers.Location!.ToString().Split('/')[^2];
        var stored = await Iom.Application.Referrals.ReferralStore.FindAsync(
            fixture.Host.Services.GetRequiredService<Iom.Application.Ports.Documents.IDocumentStore>(), id, Ct);
        stored!.Value.Person.Ward.ShouldBe(teddington.Code);

        const string Hostile = "\"><script>alert('ward')</script>";
        var madeUp = Fields("Rhys", "Stone", "7", "7", "1987").Where(f => f.Key != "ward").Append(new("ward", Hostile)).ToList();
        var refused = await client.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(client), .. madeUp]), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        SummaryLinks(html).ShouldBe([("#ward", $"Select a ward of the local authority, or leave it blank: its ONS code, like {LocalHost.ShippedWards.List.All[0].Code}, or its name, like {LocalHost.ShippedWards.List.All[0].Name}")]);
        html.ShouldContain("<select class=\"govuk-select govuk-select--error\" id=\"ward\" name=\"ward\" aria-describedby=\"ward-hint ward-error\">");
        html.ShouldContain("<p id=\"ward-error\" class=\"govuk-error-message\">");
        html.ShouldNotContain(Hostile);
        html.ShouldNotContain(" selected>");
    }

    [Fact]
    public async Task A_duplicate_referral_gets_a_409_page_naming_the_existing_reference()
    {
        using var client = Client();
        var first = await client.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(client), .. Fields("Harold", "Ingram", "9", "9", "1979", "2023/0583843L")]), Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var confirmation = await client.GetStringAsync(first.Headers.Location, Ct);
        var reference = Regex.Match(confirmation, "id=\"reference\">([^<]+)<").Groups[1].Value;

        var again = await client.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(client), .. Fields("Someone", "Else", "1", "1", "1980", "23/583843L")]), Ct);

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await again.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("This person has already been referred");
        html.ShouldContain($"<strong id=\"existing-reference\">{reference}</strong>");
    }

    [Fact]
    public async Task Another_agencys_duplicate_gets_a_409_page_naming_the_coordinator_to_contact_and_never_the_existing_reference()
    {
        using var police = Client();
        var first = await police.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(police), .. Fields("Nora", "Quill", "7", "7", "1977")]), Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var reference = Regex.Match(await police.GetStringAsync(first.Headers.Location, Ct), "id=\"reference\">([^<]+)<").Groups[1].Value;
        reference.ShouldNotBeEmpty();

        using var housing = Client(agency: "housing", email: "officer@housing.example");
        var again = await housing.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(housing), .. Fields("NORA", "quill", "7", "7", "1977")]), Ct);

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await again.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("This person has already been referred");
        html.ShouldContain("iom.coordinator@richmond-iom.example");
        html.ShouldNotContain(reference);
        html.ShouldNotContain("existing-reference");
    }

    [Fact]
    public async Task An_acknowledgement_address_off_the_secure_domains_is_shown_as_an_error_beside_the_email_field_and_nothing_is_stored()
    {
        using var client = Client();
        var fields = Fields("Olive", "Reeve", "6", "6", "1976").Where(f => f.Key != "referrerEmail").Append(new("referrerEmail", "anyone@gmail.com")).ToList();

        var refused = await client.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(client), .. fields]), Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        SummaryLinks(html).Select(l => l.Href).ShouldBe(["#referrerEmail"]);
        html.ShouldContain("secure domain");
    }

    [Fact]
    public async Task A_MAPPA_managed_referral_gets_a_422_page_and_a_referrer_without_an_agency_a_403_page()
    {
        using var client = Client();
        var mappa = Fields("Ivy", "Jessop", "3", "3", "1983").Where(f => f.Key != "mappaLevel").Append(new("mappaLevel", "3")).ToList();

        var refused = await client.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(client), .. mappa]), Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("This referral cannot be accepted");
        html.ShouldContain("managed under MAPPA");

        using var agencyless = Client(agency: null);
        var forbidden = await agencyless.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(agencyless), .. Fields("Jack", "Kemp", "2", "2", "1982")]), Ct);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await forbidden.Content.ReadAsStringAsync(Ct)).ShouldContain("You cannot make referrals yet");
    }

    [Fact]
    public async Task A_referrer_whose_agency_is_not_on_the_configured_list_gets_a_403_page_saying_so_and_nothing_is_stored()
    {
        using var stray = Client(agency: "\"><script>alert(1)</script>");

        var forbidden = await stray.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(stray), .. Fields("Lena", "Marsh", "4", "4", "1984")]), Ct);

        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var html = await forbidden.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("You cannot make referrals yet");
        html.ShouldContain("agency is not recognised");
        html.ShouldNotContain("<script>alert(1)</script>");
    }

    [Fact]
    public async Task The_confirmation_page_is_for_the_referring_agency_and_coordinators_and_is_not_found_for_anyone_else()
    {
        using var police = Client();
        var submitted = await police.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(police), .. Fields("Karen", "Lomax", "8", "8", "1987")]), Ct);
        var path = submitted.Headers.Location!.ToString();

        (await police.GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var coordinator = Client(role: Roles.Coordinator, agency: "council");
        (await coordinator.GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var probation = Client(agency: "probation");
        var hidden = await probation.GetAsync(path, Ct);
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await hidden.Content.ReadAsStringAsync(Ct)).ShouldContain("Page not found");
        (await police.GetAsync("/api/referrals/not-an-id/confirmation", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var analyst = Client(role: Roles.Analyst);
        (await analyst.GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_same_form_sent_twice_ends_on_the_first_ones_confirmation_and_a_new_form_for_that_person_is_a_duplicate()
    {
        using var police = Client();
        List<KeyValuePair<string, string>> form = [await TokenAsync(police), .. Fields("Nadia", "Okafor", "9", "9", "1989")];

        var first = await police.PostAsync(FormPath, new FormUrlEncodedContent(form), Ct);
        var again = await police.PostAsync(FormPath, new FormUrlEncodedContent(form), Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        again.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        again.Headers.Location.ShouldBe(first.Headers.Location);
        var fresh = await police.PostAsync(FormPath, new FormUrlEncodedContent([await TokenAsync(police), .. Fields("Nadia", "Okafor", "9", "9", "1989")]), Ct);
        fresh.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await fresh.Content.ReadAsStringAsync(Ct)).ShouldContain("This person has already been referred");
    }

    // A browser without the rendering: keeps cookies, does not follow redirects, signs in by header.
    private HttpClient Client(string role = Roles.Referrer, string? agency = "police", string email = "referrer@police.example")
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = fixture.Host.BaseAddress,
        };
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, Principal(agency, email, role));
        return client;
    }

    private static string Principal(string? agency, string email, string role = Roles.Referrer) =>
        ClientPrincipal.Encode($"user-{email}", "Test Referrer", email, agency, [role]);

    private static async Task<KeyValuePair<string, string>> TokenAsync(HttpClient client)
    {
        var match = TokenInput().Match(await client.GetStringAsync(FormPath, Ct));
        match.Success.ShouldBeTrue("the form has no anti-forgery token");
        return new(match.Groups["name"].Value, match.Groups["value"].Value);
    }

    private static List<KeyValuePair<string, string>> Fields(string given, string family, string day, string month, string year, string pnc = "") =>
    [
        new("referralType", "iom"), new("emergency", "no"), new("givenName", given), new("familyName", family),
        new("dateOfBirth-day", day), new("dateOfBirth-month", month), new("dateOfBirth-year", year), new("gender", "female"),
        new("ethnicity", ""), new("pncId", pnc), new("croNumber", ""), new("prisonNumber", ""), new("crn", ""), new("postcode", "tw9 1aa"),
        new("ward", ""), new("offenceTypes", "burglary"), new("offenceTypes", "shoplifting"), new("drivers", "drugs"),
        new("riskOfSeriousHarm", "medium"), new("mappaLevel", "0"), new("maracCase", "no"), new("statutory", "yes"),
        new("assetScore", ""), new("ogrsScore", "77"), new("reason", "Repeated shoplifting to fund drug use."),
        new("referrerName", "PC Lee Moss"), new("referrerEmail", "lee.moss@met.example.gov.uk"), new("referrerPhone", ""),
    ];

    private async Task<string> AssetShouldBeServedAsync(string path, string contentType)
    {
        var response = await fixture.Host.Client.GetAsync(path, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        response.Content.Headers.ContentType!.ToString().ShouldBe(contentType, path);
        Header(response, "Cache-Control").ShouldBe("public, max-age=31536000, immutable", path);
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff", path);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";

    private static string Attribute(string html, string prefix)
    {
        var match = Regex.Match(html, Regex.Escape(prefix) + "=\"(?<value>[^\"]+)\"");
        match.Success.ShouldBeTrue($"the page has no {prefix}");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    private static List<(string Href, string Text)> SummaryLinks(string html) =>
        SummaryLink().Matches(html[..html.IndexOf("<h1", StringComparison.Ordinal)]).Select(m => (m.Groups["href"].Value, WebUtility.HtmlDecode(m.Groups["text"].Value))).ToList();

    [GeneratedRegex("<option value=\"(?<code>[^\"]*)\"(?: selected)?>(?<name>[^<]*)</option>")]
    private static partial Regex WardOption();

    [GeneratedRegex(@"^default-src 'self'; script-src 'self' 'nonce-(?<nonce>[A-Za-z0-9+/]{24})'; style-src 'self'; img-src 'self'; font-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'$")]
    private static partial Regex CspPattern();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>")]
    private static partial Regex InlineScripts();

    [GeneratedRegex(@"url\((?<path>fonts/[^)]+\.woff2\?v=[0-9a-f]+)\)")]
    private static partial Regex FontUrl();

    [GeneratedRegex(@"<input type=""hidden"" name=""(?<name>[^""]+)"" value=""(?<value>[^""]+)"">")]
    private static partial Regex TokenInput();

    [GeneratedRegex(@"<li><a href=""(?<href>[^""]+)"">(?<text>[^<]+)</a></li>")]
    private static partial Regex SummaryLink();

    [GeneratedRegex(@"class=""[^""]*govuk-input--error[^""]*"" id=""(?<id>[^""]+)""")]
    private static partial Regex ErrorInputs();
}
