using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Identity;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Panels;

/// <summary>
/// The panel membership endpoints through the local host's real HTTP stack (clock from Monday 14 December 2026),
/// and panel access following the stored roster.
/// </summary>
public sealed class PanelMemberApiTests : IAsyncLifetime
{
    private const string NewMember = "7d9c1f60-2a4b-4c8e-9f13-5b6a7c8d9e0f";
    private const string PpoOfficer = "ppo.police@richmond-iom.example"; // an IOM Panel member in panels.json

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private static JsonObject Member(string? effectiveFrom = null, string seat = "member", string organisation = "Housing", string email = "housing.new@richmond-iom.example") => new()
    {
        ["memberId"] = NewMember,
        ["name"] = "Head of Housing Operations",
        ["organisation"] = organisation,
        ["post"] = "Head of Housing Operations",
        ["email"] = email,
        ["attendance"] = "as-required",
        ["seat"] = seat,
        ["effectiveFrom"] = effectiveFrom,
    };

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, JsonNode? body = null, string? ifMatch = null, string role = Roles.Coordinator)
    {
        var request = RunningLocalHost.Request(method, path, role, "council", "iom.coordinator@richmond-iom.example");
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

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private static string[] MemberIds(JsonElement roster) => [.. roster.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("memberId").GetString()!)];

    /// <summary>What a panel member with <paramref name="objectId"/> gets listing the IOM Panel's referrals (PanelAccess).</summary>
    private async Task<HttpStatusCode> ListIomReferralsAs(string objectId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/referrals?panel=iom");
        request.Headers.Add(ClientPrincipal.HeaderName, ClientPrincipal.Encode(objectId, "Member", "someone@richmond-iom.example", "housing", [Roles.PanelMember]));
        return (await host.Client.SendAsync(request, Ct)).StatusCode;
    }

    [Fact]
    public async Task The_roster_today_is_the_configured_one_until_changed_with_its_etag()
    {
        using var response = await Send(HttpMethod.Get, "/api/panels/iom/members");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"iom-0\"");
        var roster = await Body(response);
        roster.GetProperty("panel").GetString().ShouldBe("iom");
        roster.GetProperty("day").GetString().ShouldBe("2026-12-14");
        roster.GetProperty("chairOrganisation").GetString().ShouldBe("Probation");
        MemberIds(roster).ShouldContain(DemoPeople.ObjectIdOf(PpoOfficer));
        roster.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("seat").GetString() == "chair")
            .GetProperty("organisation").GetString().ShouldBe("Probation");
    }

    [Fact]
    public async Task An_added_member_reaches_the_panel_at_once_and_a_removed_one_loses_it_at_once()
    {
        (await ListIomReferralsAs(NewMember)).ShouldBe(HttpStatusCode.NotFound);

        using var added = await Send(HttpMethod.Post, "/api/panels/iom/members", Member());
        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        added.Headers.ETag!.Tag.ShouldBe("\"iom-1\"");
        MemberIds(await Body(added)).ShouldContain(NewMember);
        (await ListIomReferralsAs(NewMember)).ShouldBe(HttpStatusCode.OK);

        using var removed = await Send(HttpMethod.Delete, $"/api/panels/iom/members/{NewMember}");
        removed.StatusCode.ShouldBe(HttpStatusCode.OK);
        MemberIds(await Body(removed)).ShouldNotContain(NewMember);
        (await ListIomReferralsAs(NewMember)).ShouldBe(HttpStatusCode.NotFound);

        // A configured member removed from the stored roster loses their seat too: configuration no longer decides.
        var ppo = DemoPeople.ObjectIdOf(PpoOfficer);
        (await ListIomReferralsAs(ppo)).ShouldBe(HttpStatusCode.OK);
        (await Send(HttpMethod.Delete, $"/api/panels/iom/members/{ppo}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListIomReferralsAs(ppo)).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_change_dated_later_shows_from_its_day_and_the_roster_of_any_earlier_day_is_kept()
    {
        (await Send(HttpMethod.Post, "/api/panels/iom/members", Member(effectiveFrom: "2026-12-21"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        MemberIds(await Body(await Send(HttpMethod.Get, "/api/panels/iom/members"))).ShouldNotContain(NewMember);
        MemberIds(await Body(await Send(HttpMethod.Get, "/api/panels/iom/members?on=2026-12-21"))).ShouldContain(NewMember);
        var before = await Body(await Send(HttpMethod.Get, "/api/panels/iom/members?on=2025-06-01"));
        MemberIds(before).ShouldNotContain(NewMember);
        // The configured roster, in force from the start: no effective date.
        (before.TryGetProperty("effectiveFrom", out var from) ? from.ValueKind : JsonValueKind.Null).ShouldBe(JsonValueKind.Null);
        var changes = (await Body(await Send(HttpMethod.Get, "/api/panels/iom/members?on=2026-12-21"))).GetProperty("changes");
        changes.EnumerateArray().Single().GetProperty("change").GetString().ShouldBe("member-added");
        changes.EnumerateArray().Single().GetProperty("changedBy").GetString().ShouldBe(DemoPeople.ObjectIdOf("iom.coordinator@richmond-iom.example"));
    }

    [Fact]
    public async Task Changing_a_member_needs_the_current_etag_and_a_stale_one_gets_412_and_changes_nothing()
    {
        var ppo = DemoPeople.ObjectIdOf(PpoOfficer);
        var details = new JsonObject
        {
            ["name"] = "PPO Officer", ["organisation"] = "Richmond Police", ["post"] = "PPO Sergeant",
            ["email"] = PpoOfficer, ["attendance"] = "permanent", ["seniorRepresentative"] = true,
        };

        using var missing = await Send(HttpMethod.Put, $"/api/panels/iom/members/{ppo}", details);
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Body(missing)).GetProperty("errors").TryGetProperty("If-Match", out _).ShouldBeTrue();

        using var changed = await Send(HttpMethod.Put, $"/api/panels/iom/members/{ppo}", details, ifMatch: "\"iom-0\"");
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var member = (await Body(changed)).GetProperty("members").EnumerateArray().Single(m => m.GetProperty("memberId").GetString() == ppo);
        (member.GetProperty("post").GetString(), member.GetProperty("seniorRepresentative").GetBoolean()).ShouldBe(("PPO Sergeant", true));

        details["post"] = "Inspector";
        using var stale = await Send(HttpMethod.Put, $"/api/panels/iom/members/{ppo}", details, ifMatch: "\"iom-0\"");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var now = await Body(await Send(HttpMethod.Get, "/api/panels/iom/members"));
        now.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("memberId").GetString() == ppo).GetProperty("post").GetString().ShouldBe("PPO Sergeant");
    }

    [Fact]
    public async Task Bad_input_is_400_naming_the_field_a_broken_rule_422_naming_the_rule_and_an_unknown_member_or_panel_404()
    {
        using var offList = await Send(HttpMethod.Post, "/api/panels/iom/members", Member(email: "someone@gmail.com"));
        offList.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Body(offList)).GetProperty("errors").TryGetProperty("email", out _).ShouldBeTrue();

        using var badDate = await Send(HttpMethod.Get, "/api/panels/iom/members?on=yesterday");
        badDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Body(badDate)).GetProperty("errors").TryGetProperty("on", out _).ShouldBeTrue();

        using var outsideChair = await Send(HttpMethod.Post, "/api/panels/iom/members", Member(seat: "chair"));
        outsideChair.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Body(outsideChair)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:chair-from-another-organisation");

        using var backDated = await Send(HttpMethod.Post, "/api/panels/iom/members", Member(effectiveFrom: "2026-12-01"));
        (await Body(backDated)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:effective-date-in-past");

        (await Send(HttpMethod.Delete, $"/api/panels/iom/members/{NewMember}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Send(HttpMethod.Get, "/api/panels/mappa/members")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        MemberIds(await Body(await Send(HttpMethod.Get, "/api/panels/iom/members"))).ShouldNotContain(NewMember);
    }

    [Fact]
    public async Task Moving_the_chair_to_another_organisation_unseats_the_old_chair_and_admits_one_from_the_new()
    {
        using var moved = await Send(HttpMethod.Put, "/api/panels/iom/chair-organisation", new JsonObject { ["organisation"] = "Housing" });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var roster = await Body(moved);
        roster.GetProperty("chairOrganisation").GetString().ShouldBe("Housing");
        roster.GetProperty("members").EnumerateArray().ShouldNotContain(m => m.GetProperty("seat").GetString() == "chair");

        (await Send(HttpMethod.Post, "/api/panels/iom/members", Member(seat: "chair"))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
