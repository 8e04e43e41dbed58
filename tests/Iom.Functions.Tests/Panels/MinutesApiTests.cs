using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Cohort;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Panels.Actions;
using Iom.Application.Panels.Minutes;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Iom.Application.Referrals;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Tests.Panels;

/// <summary>The minutes endpoints on the local host, clock set: save with ETags, finalise, and what finalising leaves behind.</summary>
public sealed class MinutesApiTests : IAsyncLifetime
{
    private const string Meeting = "iom-2027-01-12";
    internal const string Chair = "cb621c33-987e-5efb-b4ae-389397546477";
    internal const string Police = "63a1bc98-81b5-579d-8320-8b4289844382";
    internal const string Yot = "418bef43-3202-5eed-a17b-f03f91e147e3";
    internal const string Analyst = "eec9e4e4-19af-5d73-b124-165404a61462";

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);
        using var created = await Send(HttpMethod.Post, "/api/panels/iom/meetings", Roles.Coordinator, new JsonObject { ["date"] = "2027-01-12" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string role, JsonNode? body = null, string? ifMatch = null, string email = "iom.coordinator@richmond-iom.example")
    {
        var request = RunningLocalHost.Request(method, path, role, "council", email);
        if (body is not null)
        {
            request.Content = RunningLocalHost.Json(body.ToJsonString());
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await host.Client.SendAsync(request, Ct);
    }

    private static JsonObject Minutes(string selected, string declined, string personId) => new()
    {
        ["attendance"] = new JsonArray(
            new JsonObject { ["memberId"] = Chair },
            new JsonObject { ["memberId"] = Police },
            new JsonObject { ["delegateFor"] = Yot, ["name"] = "A Delegate", ["organisation"] = "YOT", ["email"] = "delegate@richmond.gov.uk" },
            new JsonObject { ["memberId"] = Analyst }),
        ["decisions"] = new JsonArray(
            new JsonObject
            {
                ["referralId"] = selected, ["outcome"] = "selected", ["votesFor"] = 3, ["votesAgainst"] = 1,
                ["leadProfessional"] = new JsonObject { ["name"] = "Pat Lead", ["agency"] = "Probation", ["email"] = "pat.lead@probation.gov.uk" },
                ["category"] = "ppo", ["cohortType"] = "fixed", ["strands"] = new JsonArray("catch-and-control"), ["reasonCode"] = "prolific",
            },
            new JsonObject { ["referralId"] = declined, ["outcome"] = "declined", ["votesFor"] = 2, ["votesAgainst"] = 2, ["castingVote"] = "for", ["reasonCode"] = "below-threshold" }),
        ["actions"] = new JsonArray(new JsonObject { ["description"] = "Arrange a home visit", ["ownerMemberId"] = Police, ["dueDate"] = "2027-01-26", ["personId"] = personId }),
    };

    [Fact]
    public async Task Minutes_saved_with_their_etag_and_finalised_move_the_referrals_start_the_membership_create_the_action_and_publish_the_event()
    {
        var (selected, person) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        var (declined, _) = await host.ReferAsync(ReferralApiTests.ValidReferral("Aisha", "Okafor", "1988-07-19", pnc: null));

        using var saved = await Send(HttpMethod.Put, $"/api/meetings/{Meeting}/minutes", Roles.Coordinator, Minutes(selected, declined, person));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync(Ct));
        var etag = saved.Headers.ETag.ShouldNotBeNull().ToString();
        using var stale = await Send(HttpMethod.Put, $"/api/meetings/{Meeting}/minutes", Roles.Coordinator, Minutes(selected, declined, person), "\"not-the-etag\"");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        using var read = await Send(HttpMethod.Get, $"/api/meetings/{Meeting}/minutes", Roles.PanelMember, email: "ppo.police@richmond-iom.example");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Headers.ETag!.ToString().ShouldBe(etag);
        using var otherPanel = await Send(HttpMethod.Get, $"/api/meetings/{Meeting}/minutes", Roles.PanelMember, email: "sgt.snt@richmond-iom.example");
        otherPanel.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var finalised = await Send(HttpMethod.Post, $"/api/meetings/{Meeting}/minutes/finalise", Roles.Coordinator);
        var body = await finalised.Content.ReadAsStringAsync(Ct);
        finalised.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        JsonDocument.Parse(body).RootElement.GetProperty("status").GetString().ShouldBe("final");

        var documents = host.Services.GetRequiredService<IDocumentStore>();
        (await documents.FindAsync(selected, Ct))!.Value.Status.ShouldBe(ReferralStatus.Selected);
        (await documents.FindAsync(declined, Ct))!.Value.Status.ShouldBe(ReferralStatus.Declined);
        (await documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(person), Ct))!.Value.Current!.SelectedAt.ShouldBe(Meeting);
        MeetingId.TryParse(Meeting, out var meeting).ShouldBeTrue();
        (await documents.ReadAsync<PanelAction>(PanelActionDocuments.KeyOf(PanelCode.Iom, PanelActionDocuments.IdFor(meeting, 1)), Ct))!.Value.OwnerMemberId.ShouldBe(Police);
        // The MinutesFinalised message is taken off the queue by the circulation function: its circulations show what it carried.
        var circulations = await Eventually.Async(async () =>
        {
            using var read = await Send(HttpMethod.Get, $"/api/meetings/{Meeting}/circulations", Roles.Coordinator);
            var items = JsonDocument.Parse(await read.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("circulations").EnumerateArray().ToList();
            return items.Any(c => c.GetProperty("kind").GetString() == "outcome") && items.Any(c => c.GetProperty("kind").GetString() == "minutes") ? items : null;
        });
        circulations.Single(c => c.GetProperty("kind").GetString() == "outcome").GetProperty("recipients").GetArrayLength().ShouldBe(2);
        circulations.Single(c => c.GetProperty("kind").GetString() == "minutes").GetProperty("recipients").EnumerateArray()
            .ShouldContain(r => r.GetProperty("email").GetString() == "delegate@richmond.gov.uk");

        var folder = Path.Combine(host.DataDirectory, "events");
        var published = await Eventually.Async(() => Task.FromResult(
            Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json").Select(File.ReadAllText).FirstOrDefault(e => e.Contains(CohortEvents.MemberSelected, StringComparison.Ordinal)) : null));
        published.ShouldContain(person);
        published.ShouldNotContain("Quenby");

        using var edit = await Send(HttpMethod.Put, $"/api/meetings/{Meeting}/minutes", Roles.Coordinator, Minutes(selected, declined, person), finalised.Headers.ETag!.ToString());
        edit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await edit.Content.ReadAsStringAsync(Ct)).ShouldContain("urn:iom:problem:minutes-final");
    }

    [Fact]
    public async Task Finalising_minutes_that_break_a_rule_answers_422_naming_it_and_changes_nothing()
    {
        var (selected, person) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        var (declined, _) = await host.ReferAsync(ReferralApiTests.ValidReferral("Aisha", "Okafor", "1988-07-19", pnc: null));
        var minutes = Minutes(selected, declined, person);
        minutes["decisions"]![1]!["castingVote"] = null;
        using var saved = await Send(HttpMethod.Put, $"/api/meetings/{Meeting}/minutes", Roles.Coordinator, minutes);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var refused = await Send(HttpMethod.Post, $"/api/meetings/{Meeting}/minutes/finalise", Roles.Coordinator);

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement;
        problem.GetProperty("type").GetString().ShouldBe("urn:iom:problem:tie-without-casting-vote");
        problem.GetProperty("decision").GetInt32().ShouldBe(1);
        (await host.Services.GetRequiredService<IDocumentStore>().FindAsync(selected, Ct))!.Value.Status.ShouldBe(ReferralStatus.Listed);
    }
}
