using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Panels;

/// <summary>
/// The meetings endpoints on the local host, clock at Monday 14 December 2026 09:00: ids, the paged list, one meeting
/// with its ETag, cancelling and moving with their refusals, and the relisting and meeting-changed message they cause.
/// </summary>
public sealed class MeetingApiTests : IAsyncLifetime
{
    private const string IomMember = "ppo.police@richmond-iom.example";
    private const string OtherPanelMember = "sgt.snt@richmond-iom.example";

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string role, JsonNode? body = null, string email = "test@police.example", string? ifMatch = null)
    {
        var request = RunningLocalHost.Request(method, path, role, "police", email);
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

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    private async Task<JsonElement> CreateAsync(string date)
    {
        var created = await Send(HttpMethod.Post, "/api/panels/iom/meetings", Roles.Coordinator, new JsonObject { ["date"] = date });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await Body(created)).GetProperty("meetings")[0];
    }

    private static string ProblemType(JsonElement problem) => problem.GetProperty("type").GetString()!;

    [Fact]
    public async Task Each_meeting_created_gets_its_id_and_the_panel_lists_them_a_page_at_a_time_between_dates_for_coordinators_and_its_members()
    {
        var first = await CreateAsync("2027-01-12");
        await CreateAsync("2027-01-26");
        await CreateAsync("2027-02-09");

        (first.GetProperty("id").GetString(), first.GetProperty("status").GetString()).ShouldBe(("iom-2027-01-12", "scheduled"));
        var page = await Body(await Send(HttpMethod.Get, "/api/panels/iom/meetings?pageSize=2", Roles.PanelMember, email: IomMember));
        page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ShouldBe(["iom-2027-01-12", "iom-2027-01-26"]);
        var next = page.GetProperty("next").GetString()!;
        var last = await Body(await Send(HttpMethod.Get, next, Roles.Coordinator));
        last.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("date").GetString()).ShouldBe(["2027-02-09"]);
        last.TryGetProperty("next", out var none).ShouldBe(none.ValueKind == JsonValueKind.Null);
        var between = await Body(await Send(HttpMethod.Get, "/api/panels/iom/meetings?from=2027-01-13&to=2027-02-09", Roles.Coordinator));
        between.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("date").GetString()).ShouldBe(["2027-01-26", "2027-02-09"]);
        (await Send(HttpMethod.Get, "/api/panels/iom/meetings", Roles.PanelMember, email: OtherPanelMember)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await Send(HttpMethod.Get, "/api/panels/iom/meetings?from=2027-02-30&pageSize=0", Roles.Coordinator);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Body(bad)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["from", "pageSize"], ignoreOrder: true);
    }

    [Fact]
    public async Task One_meeting_is_read_by_its_id_with_an_etag_and_a_missing_or_unreachable_one_is_not_found()
    {
        await CreateAsync("2027-01-12");

        var read = await Send(HttpMethod.Get, "/api/meetings/iom-2027-01-12", Roles.PanelMember, email: IomMember);

        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Headers.ETag.ShouldNotBeNull();
        var meeting = await Body(read);
        (meeting.GetProperty("date").GetString(), meeting.GetProperty("startTime").GetString(), meeting.GetProperty("sequence").GetInt32())
            .ShouldBe(("2027-01-12", "10:00:00", 0));
        foreach (var (path, email) in new[] { ("/api/meetings/iom-2027-01-12", OtherPanelMember), ("/api/meetings/iom-2027-01-19", IomMember), ("/api/meetings/nonsense", IomMember) })
        {
            var missing = await Send(HttpMethod.Get, path, Roles.PanelMember, email: email);
            missing.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }
    }

    [Fact]
    public async Task Cancelling_needs_the_current_etag_if_one_is_given_and_a_cancelled_meeting_cannot_be_cancelled_or_moved_again()
    {
        await CreateAsync("2027-01-12");
        var etag = (await Send(HttpMethod.Get, "/api/meetings/iom-2027-01-12", Roles.Coordinator)).Headers.ETag!.ToString();

        var stale = await Send(HttpMethod.Post, "/api/meetings/iom-2027-01-12/cancel", Roles.Coordinator, new JsonObject { ["reason"] = "Chair unavailable" }, ifMatch: "\"other\"");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var cancelled = await Send(HttpMethod.Post, "/api/meetings/iom-2027-01-12/cancel", Roles.Coordinator, new JsonObject { ["reason"] = "Chair unavailable" }, ifMatch: etag);
        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await Body(cancelled);
        (body.GetProperty("status").GetString(), body.GetProperty("sequence").GetInt32(), body.GetProperty("cancellationReason").GetString())
            .ShouldBe(("cancelled", 1, "Chair unavailable"));

        var again = await Send(HttpMethod.Post, "/api/meetings/iom-2027-01-12/cancel", Roles.Coordinator, new JsonObject { ["reason"] = "Again" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        ProblemType(await Body(again)).ShouldBe("urn:iom:problem:meeting-cancelled");
        var move = await Send(HttpMethod.Post, "/api/meetings/iom-2027-01-12/move", Roles.Coordinator, new JsonObject { ["date"] = "2027-01-19" });
        move.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Send(HttpMethod.Post, "/api/meetings/iom-2027-01-12/cancel", Roles.PanelMember, new JsonObject { ["reason"] = "x" }, email: IomMember))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_move_to_a_weekend_or_a_day_the_panel_meets_is_422_naming_the_rule_and_a_bad_date_is_400()
    {
        await CreateAsync("2027-01-12");
        await CreateAsync("2027-01-26");

        foreach (var (date, rule) in new[] { ("2027-01-16", "not-a-working-day"), ("2027-01-26", "panel-already-meets"), ("2026-12-11", "date-in-past") })
        {
            var refused = await Send(HttpMethod.Post, "/api/meetings/iom-2027-01-12/move", Roles.Coordinator, new JsonObject { ["date"] = date });
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, date);
            ProblemType(await Body(refused)).ShouldBe($"urn:iom:problem:{rule}");
        }

        var invalid = await Send(HttpMethod.Post, "/api/meetings/iom-2027-01-12/move", Roles.Coordinator, new JsonObject { ["date"] = "12/01/2027", ["startTime"] = "25:00" });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Body(invalid)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["date", "startTime"], ignoreOrder: true);
    }

    [Fact]
    public async Task Moving_a_meeting_too_soon_relists_its_referral_for_the_next_meeting_that_gives_it_notice()
    {
        await CreateAsync("2027-01-12");
        await CreateAsync("2027-01-26");
        var (referralId, _) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        async Task<string?> MeetingDateAsync() =>
            (await Body(await Send(HttpMethod.Get, $"/api/referrals/{referralId}", Roles.Coordinator))).GetProperty("meetingDate").GetString();
        (await MeetingDateAsync()).ShouldBe("2027-01-12");

        // 29 December is only the 9th working day after 14 December.
        var moved = await Send(HttpMethod.Post, "/api/meetings/iom-2027-01-12/move", Roles.Coordinator, new JsonObject { ["date"] = "2026-12-29", ["startTime"] = "14:00" });

        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var meeting = await Body(moved);
        (meeting.GetProperty("id").GetString(), meeting.GetProperty("date").GetString(), meeting.GetProperty("movedFrom").GetString(), meeting.GetProperty("sequence").GetInt32())
            .ShouldBe(("iom-2027-01-12", "2026-12-29", "2027-01-12", 1));
        await Eventually.Async(async () => await MeetingDateAsync() == "2027-01-26" ? "relisted" : null);
        var listed = await Body(await Send(HttpMethod.Get, "/api/referrals?panel=iom&meeting=2027-01-26", Roles.Coordinator));
        listed.GetProperty("items").GetArrayLength().ShouldBe(1);
        // The meeting-changed message itself is asserted where no circulation function takes it off the queue
        // (ChangeMeetingTests); here the local host's circulation consumes it at once.
    }
}
