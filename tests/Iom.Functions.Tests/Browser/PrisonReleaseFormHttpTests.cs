using System.Net;
using System.Text.RegularExpressions;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Application.Releases;
using Iom.Domain.Releases;

namespace Iom.Functions.Tests.Browser;

/// <summary>
/// The prison link's release form at the HTTP level, on the browser tests' local host (clock: Monday 14 December 2026,
/// 09:00 UTC): what is stored, the double submit, the errors, anti-forgery and the confirmation page.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class PrisonReleaseFormHttpTests(BrowserFixture fixture)
{
    private const string FormPath = "/api/prison-releases/new";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_valid_form_is_stored_as_a_form_notification_with_every_value_entered_and_the_prison_links_object_id()
    {
        using var client = Client();
        var (token, eventId) = await NewFormAsync(client);
        var fields = Fields("A1234BC", "Darren", "Quenby", occurredOn: ("1", "7", "2026"), time: "10:05").Select(f => f.Key switch
        {
            "pncId" => new KeyValuePair<string, string>(f.Key, "12/52494Q"),
            "croNumber" => new(f.Key, "265416/21G"),
            _ => f,
        }).ToList();

        var response = await client.PostAsync(FormPath, new FormUrlEncodedContent([token, eventId, .. fields]), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var id = IdOf(response);
        var stored = (await Store().ReadAsync<ReleaseNotification>(ReleaseNotifications.KeyOf(id), Ct))!.Value;
        stored.ReceivedFrom.ShouldBe("user-link@hmpps.example.gov.uk");
        stored.Report.ShouldBe(new ReleaseReport(
            ReleaseSource.Form, eventId.Value, "SWI", "A1234BC", "2012/0052494Q", "265416/21G", "Darren", "Quenby", new DateOnly(1994, 3, 2),
            ReleaseReason.Released, new DateOnly(2026, 12, 14),
            // 10:05 on 1 July at the prison is British Summer Time.
            new DateTimeOffset(2026, 7, 1, 10, 5, 0, TimeSpan.FromHours(1)),
            new ReleaseAddress("1 Sheen Road", "Richmond", "TW9 1AA"), "Licence: curfew 19:00 to 07:00."));
        stored.Report.EventId.ShouldMatch("^form-[0-9a-f]{32}$");
        id.ShouldBe(ReleaseNotifications.IdFor(stored.Report));
    }

    [Fact]
    public async Task The_same_form_sent_twice_is_one_notification_and_a_new_form_with_the_same_details_is_another()
    {
        using var client = Client();
        var (token, eventId) = await NewFormAsync(client);
        List<KeyValuePair<string, string>> form = [token, eventId, .. Fields("B2345CD", "Amelia", "Rowntree")];

        var first = await client.PostAsync(FormPath, new FormUrlEncodedContent(form), Ct);
        var again = await client.PostAsync(FormPath, new FormUrlEncodedContent(form), Ct);

        first.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        again.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        again.Headers.Location.ShouldBe(first.Headers.Location);
        var (freshToken, freshEvent) = await NewFormAsync(client);
        freshEvent.Value.ShouldNotBe(eventId.Value);
        var fresh = await client.PostAsync(FormPath, new FormUrlEncodedContent([freshToken, freshEvent, .. Fields("B2345CD", "Amelia", "Rowntree")]), Ct);
        fresh.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        IdOf(fresh).ShouldNotBe(IdOf(first));
    }

    [Fact]
    public async Task The_same_form_sent_again_with_other_details_gets_a_422_page_and_the_first_report_stands()
    {
        using var client = Client();
        var (token, eventId) = await NewFormAsync(client);
        var first = await client.PostAsync(FormPath, new FormUrlEncodedContent([token, eventId, .. Fields("H8901JK", "Lena", "Morrow")]), Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var changed = Fields("H8901JK", "Lena", "Morrow").Select(f => f.Key == "releaseDate-day" ? new KeyValuePair<string, string>(f.Key, "21") : f).ToList();

        var again = await client.PostAsync(FormPath, new FormUrlEncodedContent([token, eventId, .. changed]), Ct);

        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("This form has already been sent");
        (await Store().ReadAsync<ReleaseNotification>(ReleaseNotifications.KeyOf(IdOf(first)), Ct))!.Value.Report.ReleaseDate.ShouldBe(new DateOnly(2026, 12, 14));
    }

    [Fact]
    public async Task Errors_are_listed_in_page_order_linking_to_their_fields_with_every_value_and_the_event_id_kept_and_nothing_stored()
    {
        using var client = Client();
        var (token, eventId) = await NewFormAsync(client);
        var fields = Fields("not-a-number", "", "Fairbairn", dob: ("31", "2", "1990"), time: "25:00")
            .Where(f => f.Key is not ("reason" or "addressTown")).ToList();

        var response = await client.PostAsync(FormPath, new FormUrlEncodedContent([token, eventId, .. fields]), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("<title>Error: Report a prison release – Prison release notifications</title>");
        SummaryLinks(html).Select(l => l.Href).ShouldBe(
            ["#prisonNumber", "#givenName", "#dateOfBirth-day", "#reason", "#occurredAtTime", "#addressTown"]);
        SummaryLinks(html).Single(l => l.Href == "#occurredAtTime").Text.ShouldBe("Enter the time in the 24-hour clock, like 14:30");
        SummaryLinks(html).Single(l => l.Href == "#reason").Text.ShouldBe("Select what happened");
        html.ShouldContain("value=\"not-a-number\"");
        html.ShouldContain("value=\"Fairbairn\"");
        html.ShouldContain("value=\"25:00\"");
        html.ShouldContain("value=\"1 Sheen Road\"");
        html.ShouldContain($"name=\"eventId\" value=\"{eventId.Value}\"");
        (await Store().ReadAsync<ReleaseNotification>(ReleaseNotifications.KeyOf(IdFor(eventId.Value, "SWI")), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task A_time_the_clocks_skipped_a_date_missing_a_part_and_a_release_date_over_a_year_away_are_each_said_beside_their_field()
    {
        using var client = Client();
        var (token, eventId) = await NewFormAsync(client);
        var fields = Fields("C3456DE", "Gemma", "Hartley", occurredOn: ("29", "3", "2026"), time: "01:30")
            .Select(f => f.Key switch
            {
                "dateOfBirth-month" => new KeyValuePair<string, string>(f.Key, ""),
                "releaseDate-year" => new(f.Key, "2028"),
                _ => f,
            }).ToList();

        var html = await (await client.PostAsync(FormPath, new FormUrlEncodedContent([token, eventId, .. fields]), Ct)).Content.ReadAsStringAsync(Ct);

        SummaryLinks(html).ShouldBe(
        [
            ("#dateOfBirth-month", "Date of birth must include a month"),
            ("#releaseDate-day", "The release date must be within a year of today"),
            ("#occurredAtTime", "That time did not happen in the UK: the clocks went forward an hour"),
        ]);
        ErrorInputs().Matches(html).Select(m => m.Groups["id"].Value).ShouldBe(
            ["dateOfBirth-month", "releaseDate-day", "releaseDate-month", "releaseDate-year", "occurredAtTime"]);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_or_with_an_altered_event_id_gets_a_400_page_and_records_nothing()
    {
        using var client = Client();
        var (token, eventId) = await NewFormAsync(client);
        var fields = Fields("D4567EF", "Dominic", "Eastwood");

        var missing = await client.PostAsync(FormPath, new FormUrlEncodedContent([eventId, .. fields]), Ct);
        var altered = await client.PostAsync(FormPath, new FormUrlEncodedContent([token, new("eventId", "my-own-id"), .. fields]), Ct);
        var none = await client.PostAsync(FormPath, new FormUrlEncodedContent([token, .. fields]), Ct);

        foreach (var refused in new[] { missing, altered, none })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("Sorry, this form has expired");
        }

        (await Store().ReadAsync<ReleaseNotification>(ReleaseNotifications.KeyOf(IdFor(eventId.Value, "SWI")), Ct)).ShouldBeNull();
        (await Store().ReadAsync<ReleaseNotification>(ReleaseNotifications.KeyOf(IdFor("my-own-id", "SWI")), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task The_confirmation_page_shows_the_id_only_to_prison_links_and_is_not_found_for_anything_but_a_notification_id()
    {
        using var client = Client();
        var (token, eventId) = await NewFormAsync(client);
        var submitted = await client.PostAsync(FormPath, new FormUrlEncodedContent([token, eventId, .. Fields("E5678FG", "Karen", "Lomax")]), Ct);
        var path = submitted.Headers.Location!.ToString();

        var page = await client.GetAsync(path, Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain($"<strong id=\"notification-id\">{IdOf(submitted)}</strong>");
        foreach (var personal in new[] { "Karen", "Lomax", "E5678FG", "1994", "Sheen Road", "TW9", "SWI" })
        {
            html.ShouldNotContain(personal, Case.Insensitive);
        }

        (await client.GetAsync($"{FormPath}/confirmation?id=referral-1", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"{FormPath}/confirmation", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var referrer = Client(Roles.Referrer);
        (await referrer.GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private IDocumentStore Store() => fixture.Host.Services.GetRequiredService<IDocumentStore>();

    // A browser without the rendering: keeps cookies, does not follow redirects, signs in by header.
    private HttpClient Client(string role = Roles.PrisonLink)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = fixture.Host.BaseAddress,
        };
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName,
            ClientPrincipal.Encode("user-link@hmpps.example.gov.uk", "Pat Link", "link@hmpps.example.gov.uk", "hmpps", [role]));
        return client;
    }

    private static async Task<(KeyValuePair<string, string> Token, KeyValuePair<string, string> EventId)> NewFormAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(FormPath, Ct);
        var token = TokenInput().Match(html);
        token.Success.ShouldBeTrue("the form has no anti-forgery token");
        var eventId = EventIdInput().Match(html);
        eventId.Success.ShouldBeTrue("the form has no event id");
        return (new(token.Groups["name"].Value, token.Groups["value"].Value), new("eventId", eventId.Groups["value"].Value));
    }

    private static string IdOf(HttpResponseMessage response)
    {
        var match = Regex.Match(response.Headers.Location!.ToString(), "^/api/prison-releases/new/confirmation\\?id=(?<id>release-[0-9a-f]{32})$");
        match.Success.ShouldBeTrue($"not a confirmation: {response.Headers.Location}");
        return match.Groups["id"].Value;
    }

    private static string IdFor(string eventId, string prison) => ReleaseNotifications.IdFor(new ReleaseReport(
        ReleaseSource.Form, eventId, prison, "A1234BC", null, null, null, null, null, ReleaseReason.Released, new DateOnly(2026, 12, 14), DateTimeOffset.UnixEpoch, null, null));

    /// <summary>A release reported today, at 08:30 UK time, with an address and notes.</summary>
    public static List<KeyValuePair<string, string>> Fields(
        string prisonNumber, string given, string family, (string D, string M, string Y)? dob = null, (string D, string M, string Y)? occurredOn = null,
        string time = "08:30")
    {
        var (d, m, y) = dob ?? ("2", "3", "1994");
        var (od, om, oy) = occurredOn ?? ("14", "12", "2026");
        return
        [
            new("prisonCode", "swi"), new("prisonNumber", prisonNumber), new("givenName", given), new("familyName", family),
            new("dateOfBirth-day", d), new("dateOfBirth-month", m), new("dateOfBirth-year", y), new("pncId", ""), new("croNumber", ""),
            new("reason", "RELEASED"), new("releaseDate-day", "14"), new("releaseDate-month", "12"), new("releaseDate-year", "2026"),
            new("occurredAt-day", od), new("occurredAt-month", om), new("occurredAt-year", oy), new("occurredAtTime", time),
            new("addressLine1", "1 Sheen Road"), new("addressTown", "Richmond"), new("addressPostcode", "tw9 1aa"),
            new("notes", "Licence: curfew 19:00 to 07:00."),
        ];
    }

    private static List<(string Href, string Text)> SummaryLinks(string html) =>
        SummaryLink().Matches(html[..html.IndexOf("<h1", StringComparison.Ordinal)]).Select(m => (m.Groups["href"].Value, WebUtility.HtmlDecode(m.Groups["text"].Value))).ToList();

    [GeneratedRegex(@"<input type=""hidden"" name=""(?<name>__RequestVerificationToken)"" value=""(?<value>[^""]+)"">")]
    private static partial Regex TokenInput();

    [GeneratedRegex(@"<input type=""hidden"" name=""eventId"" value=""(?<value>[^""]+)"">")]
    private static partial Regex EventIdInput();

    [GeneratedRegex(@"<li><a href=""(?<href>[^""]+)"">(?<text>[^<]+)</a></li>")]
    private static partial Regex SummaryLink();

    [GeneratedRegex(@"class=""[^""]*govuk-input--error[^""]*"" id=""(?<id>[^""]+)""")]
    private static partial Regex ErrorInputs();
}
