using System.Net;
using Iom.Application.Audit;
using Iom.Application.Cohort;
using Iom.Application.Identity;
using Iom.Application.Panels.Minutes;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Panels;

/// <summary>
/// The agenda pack page through the local host, clock set: the meeting, its listed referrals, cohort members due for
/// review, the panel's open actions (overdue marked, owners named from the roster) and the way to earlier minutes.
/// Listings and cohort rows are written directly, as submission and finalised minutes write them.
/// </summary>
public sealed class AgendaPackTests : IAsyncLifetime
{
    private const string Member = "ppo.police@richmond-iom.example";
    private const string AsbMember = "sgt.snt@richmond-iom.example";
    private const string Meeting = "iom-2027-01-12";

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);
        using var create = RunningLocalHost.Request(HttpMethod.Post, "/api/panels/iom/meetings", Roles.Coordinator);
        create.Content = RunningLocalHost.Json("""{"date":"2027-01-12","location":"Civic Centre, Room 3"}""");
        (await host.Client.SendAsync(create, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private IDocumentStore Store => host.Services.GetRequiredService<IDocumentStore>();

    private async Task<HttpResponseMessage> Get(string path, string email, string role = Roles.PanelMember) =>
        await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, path, role, email: email), Ct);

    private async Task ListAsync(string referralId, string reference, DateOnly meetingDate, ReferralStatus status, bool emergency)
    {
        var listing = new ReferralListing(referralId, "person-" + referralId, reference, PanelCode.Iom, status, meetingDate, emergency, "police",
            new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), ReferralType.Iom);
        await Store.CreateAsync(ReferralListings.KeyOf(PanelCode.Iom, referralId), listing, Ct);
    }

    private async Task CohortAsync(string personId, DateOnly reviewDue, string leadAgency)
    {
        var listing = new CohortListing(personId, PanelCode.Iom, new DateOnly(2026, 6, 9), reviewDue, CohortCategory.Ppo, CohortType.Flex,
            "Sam Lead-Professional", leadAgency, "2026-06-09");
        await Store.CreateAsync(CohortDocuments.ListingOf(PanelCode.Iom, personId), listing, Ct);
    }

    [Fact]
    public async Task A_member_of_the_panel_reads_the_meeting_its_listed_referrals_reviews_due_and_open_actions_with_overdue_ones_marked()
    {
        await ListAsync("ref-listed", "IOM-270112-AAAA", new DateOnly(2027, 1, 12), ReferralStatus.Listed, emergency: true);
        await ListAsync("ref-other-date", "IOM-270209-BBBB", new DateOnly(2027, 2, 9), ReferralStatus.Listed, emergency: false);
        await ListAsync("ref-withdrawn", "IOM-270112-CCCC", new DateOnly(2027, 1, 12), ReferralStatus.Withdrawn, emergency: false);
        await CohortAsync("person-due", new DateOnly(2027, 1, 12), "Probation Service");
        await CohortAsync("person-later", new DateOnly(2027, 3, 9), "Hidden Agency");
        var owner = DemoPeople.ObjectIdOf(Member);
        var overdue = await ActionApiTests.AddActionAsync(host, owner, new DateOnly(2026, 12, 1), personId: "person-due", position: 1);
        await ActionApiTests.AddActionAsync(host, owner, new DateOnly(2027, 1, 5), position: 2);
        await ActionApiTests.AddActionAsync(host, DemoPeople.ObjectIdOf(AsbMember), new DateOnly(2026, 12, 1), position: 3, panel: PanelCode.Asb);

        var response = await Get($"/api/meetings/{Meeting}/pack", Member);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("12 January 2027");
        html.ShouldContain("Civic Centre, Room 3");
        html.ShouldContain("Scheduled");
        html.ShouldContain("""<a class="govuk-link" href="/api/referrals/ref-listed">IOM-270112-AAAA</a>""");
        html.ShouldContain("IOM</td><td class=\"govuk-table__cell\">Yes</td><td class=\"govuk-table__cell\">1 December 2026");
        html.ShouldNotContain("IOM-270209-BBBB");
        html.ShouldNotContain("IOM-270112-CCCC");
        html.ShouldNotContain("person-ref-listed");
        html.ShouldContain("Probation Service");
        html.ShouldContain("ppo</td><td class=\"govuk-table__cell\">flex");
        html.ShouldNotContain("Hidden Agency");
        html.ShouldNotContain("Sam Lead-Professional");
        html.ShouldContain("1 December 2026 <strong class=\"govuk-tag govuk-tag--red\">Overdue</strong></td><td class=\"govuk-table__cell\">PPO Officer</td>");
        html.ShouldContain("5 January 2027</td><td class=\"govuk-table__cell\">PPO Officer</td>");
        html.Split("Ask the housing provider about the tenancy").Length.ShouldBe(3, "the panel's two open actions, not the ASB panel's");
        html.ShouldContain("No earlier meeting of this panel has final minutes.");

        // The action about a person is a consultation in their audit log; nothing else on the page names anyone.
        var log = await host.Services.GetRequiredService<AuditTrail>().ReadAsync("person-due", Ct);
        log.ShouldContain(e => e.Operation == AuditOperation.Consultation && e.Subject == $"action/{overdue.Id}" && e.Purpose == "Panel business: reading the agenda pack");
    }

    [Fact]
    public async Task The_pack_links_the_minutes_of_the_panels_latest_earlier_meeting_with_final_minutes()
    {
        // As finalising writes it: the panel's index of meetings with final minutes (a later one, and another panel's, ignored).
        await Store.CreateAsync(FinalisedMinutesIndex.KeyOf(PanelCode.Iom), FinalisedMinutesIndex.Empty
            .With(new FinalisedMinutesEntry("iom-2026-11-10", new DateOnly(2026, 11, 10)))
            .With(new FinalisedMinutesEntry("iom-2026-12-08", new DateOnly(2026, 12, 9)))
            .With(new FinalisedMinutesEntry("iom-2027-02-09", new DateOnly(2027, 2, 9))), Ct);
        await Store.CreateAsync(FinalisedMinutesIndex.KeyOf(PanelCode.Asb), FinalisedMinutesIndex.Empty
            .With(new FinalisedMinutesEntry("asb-2027-01-05", new DateOnly(2027, 1, 5))), Ct);

        var html = await (await Get($"/api/meetings/{Meeting}/pack", Member)).Content.ReadAsStringAsync(Ct);

        html.ShouldContain("""<a class="govuk-link" id="previous" href="/api/meetings/iom-2026-12-08/minutes">""");
        html.ShouldNotContain("No earlier meeting of this panel has final minutes.");
    }

    [Fact]
    public async Task A_cancelled_meeting_says_so_plainly()
    {
        using var cancel = RunningLocalHost.Request(HttpMethod.Post, $"/api/meetings/{Meeting}/cancel", Roles.Coordinator);
        cancel.Content = RunningLocalHost.Json("""{"reason":"Chair unavailable"}""");
        (await host.Client.SendAsync(cancel, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var html = await (await Get($"/api/meetings/{Meeting}/pack", Member)).Content.ReadAsStringAsync(Ct);

        html.ShouldContain("This meeting has been cancelled.");
        html.ShouldContain("govuk-tag--red\">Cancelled</strong>");
    }

    [Fact]
    public async Task A_member_of_another_panel_and_an_unknown_meeting_get_the_not_found_page()
    {
        var otherPanel = await Get($"/api/meetings/{Meeting}/pack", AsbMember);
        var unknown = await Get("/api/meetings/iom-2027-01-19/pack", Member);
        var malformed = await Get("/api/meetings/iom-2027-13-45/pack", Member);

        foreach (var response in new[] { otherPanel, unknown, malformed })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("There is no meeting at this address");
        }
    }

    [Fact]
    public async Task A_browser_without_a_session_is_sent_to_sign_in_and_back_to_the_pack()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{Meeting}/pack");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        response.Headers.Location!.OriginalString.ShouldEndWith($"=%2Fapi%2Fmeetings%2F{Meeting}%2Fpack%3Fsigned-in%3D1");
    }
}
