using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Application.Identity;
using Iom.Application.Panels.Actions;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Iom.Functions.Operations;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;

namespace Iom.Functions.Tests.Panels;

/// <summary>
/// The actions endpoints and the reminder timer through the local host, clock set. Actions are written directly into
/// the host's store, as finalised minutes will write them (built elsewhere at the same time).
/// </summary>
public sealed class ActionApiTests : IAsyncLifetime
{
    private const string Owner = "ppo.police@richmond-iom.example";
    private const string OtherIomMember = "di.police@richmond-iom.example";
    private const string AsbMember = "sgt.snt@richmond-iom.example";
    private const string Description = "Ask the housing provider about the tenancy";

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    /// <summary>Writes an open action into the host's store, as finalising the meeting of 10 Nov 2026 would.</summary>
    public static async Task<PanelAction> AddActionAsync(RunningLocalHost on, string ownerObjectId, DateOnly due, string? personId = null, int position = 1, PanelCode panel = PanelCode.Iom)
    {
        var meeting = new MeetingId(panel, new DateOnly(2026, 11, 10));
        var action = new PanelAction(PanelActionDocuments.IdFor(meeting, position), panel, meeting.ToString(), Description, ownerObjectId, due, personId,
            PanelActionStatus.Open, new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero));
        await on.Services.GetRequiredService<IDocumentStore>().CreateAsync(PanelActionDocuments.KeyOf(panel, action.Id), action, TestContext.Current.CancellationToken);
        return action;
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string email, string role = Roles.PanelMember, string? ifMatch = null)
    {
        var request = RunningLocalHost.Request(method, path, role, email: email);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await host.Client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    [Fact]
    public async Task A_member_lists_their_own_overdue_actions_a_page_at_a_time_by_following_next()
    {
        var owner = DemoPeople.ObjectIdOf(Owner);
        await AddActionAsync(host, owner, new DateOnly(2026, 12, 10), position: 1);
        await AddActionAsync(host, owner, new DateOnly(2026, 12, 1), position: 2);
        await AddActionAsync(host, owner, new DateOnly(2026, 12, 20), position: 3);
        await AddActionAsync(host, DemoPeople.ObjectIdOf(OtherIomMember), new DateOnly(2026, 12, 2), position: 4);

        var ids = new List<string>();
        var path = "/api/actions?owner=me&overdue=true&pageSize=1";
        for (var pages = 0; path is not null && pages < 5; pages++)
        {
            var response = await Send(HttpMethod.Get, path, Owner);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = await Body(response);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i =>
            {
                i.GetProperty("overdue").GetBoolean().ShouldBeTrue();
                return i.GetProperty("id").GetString()!;
            }));
            path = page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }

        ids.ShouldBe(["iom-2026-11-10-action-2", "iom-2026-11-10-action-1"]);
    }

    [Fact]
    public async Task The_owner_completes_an_action_with_its_etag_a_repeat_gets_the_same_answer_and_others_are_refused()
    {
        var action = await AddActionAsync(host, DemoPeople.ObjectIdOf(Owner), new DateOnly(2026, 12, 20));
        var read = await Send(HttpMethod.Get, $"/api/actions/{action.Id}", OtherIomMember);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        var etag = read.Headers.ETag!.Tag;

        var otherMember = await Send(HttpMethod.Post, $"/api/actions/{action.Id}/complete", OtherIomMember);
        var otherPanel = await Send(HttpMethod.Post, $"/api/actions/{action.Id}/complete", AsbMember);
        var completed = await Send(HttpMethod.Post, $"/api/actions/{action.Id}/complete", Owner, ifMatch: etag);
        var repeated = await Send(HttpMethod.Post, $"/api/actions/{action.Id}/complete", Owner, ifMatch: etag);
        var coordinator = await Send(HttpMethod.Post, $"/api/actions/{action.Id}/complete", "iom.coordinator@richmond-iom.example", Roles.Coordinator);

        otherMember.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Body(otherMember)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:not-action-owner");
        otherPanel.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        completed.StatusCode.ShouldBe(HttpStatusCode.OK);
        completed.Headers.ETag!.Tag.ShouldNotBe(etag);
        var done = await Body(completed);
        done.GetProperty("status").GetString().ShouldBe("done");
        done.GetProperty("completedBy").GetString().ShouldBe(DemoPeople.ObjectIdOf(Owner));
        repeated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await repeated.Content.ReadAsStringAsync(Ct)).ShouldBe(await completed.Content.ReadAsStringAsync(Ct));
        coordinator.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Body(coordinator)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:action-already-done");
    }

    [Fact]
    public async Task Completing_with_an_etag_that_is_no_longer_current_is_412_and_changes_nothing()
    {
        var action = await AddActionAsync(host, DemoPeople.ObjectIdOf(Owner), new DateOnly(2026, 12, 20));
        var etag = (await Send(HttpMethod.Get, $"/api/actions/{action.Id}", Owner)).Headers.ETag!.Tag;
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var stored = (await store.ReadAsync<PanelAction>(PanelActionDocuments.KeyOf(PanelCode.Iom, action.Id), Ct))!;
        await store.ReplaceAsync(stored.Key, stored.Value with { DueDate = new DateOnly(2027, 1, 8) }, stored.ETag, Ct);

        var response = await Send(HttpMethod.Post, $"/api/actions/{action.Id}/complete", Owner, ifMatch: etag);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await store.ReadAsync<PanelAction>(stored.Key, Ct))!.Value.Status.ShouldBe(PanelActionStatus.Open);
    }

    [Theory]
    [InlineData("/api/actions?status=closed", "status")]
    [InlineData("/api/actions?overdue=true&status=done", "overdue")]
    [InlineData("/api/actions?overdue=yes", "overdue")]
    [InlineData("/api/actions?owner=%3Cscript%3E", "owner")]
    [InlineData("/api/actions?panel=nowhere", "panel")]
    [InlineData("/api/actions?pageSize=101", "pageSize")]
    [InlineData("/api/actions?continuation=bm90LWEtdG9rZW4", "continuation")]
    public async Task A_malformed_listing_query_is_a_400_naming_the_parameter(string path, string field)
    {
        var response = await Send(HttpMethod.Get, path, Owner);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Body(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(field);
    }

    [Fact]
    public async Task A_member_asking_for_another_members_actions_gets_403()
    {
        var response = await Send(HttpMethod.Get, $"/api/actions?owner={DemoPeople.ObjectIdOf(OtherIomMember)}", Owner);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Body(response)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:not-own-actions");
    }

    [Fact]
    public async Task The_reminder_timer_emails_the_owner_a_link_and_the_due_date_and_never_the_description()
    {
        await using var reminding = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-23T06:00:00Z"]);
        var (_, personId) = await reminding.ReferAsync(ReferralApiTests.ValidReferral());
        var action = await AddActionAsync(reminding, DemoPeople.ObjectIdOf(Owner), new DateOnly(2026, 12, 29), personId);
        var function = new ActionReminderFunction(reminding.Services.GetRequiredService<ActionReminders>(), NullLogger<ActionReminderFunction>.Instance);

        await function.Run(new TimerInfo(), Ct);

        var mail = await Outbox.WaitForAsync(reminding, Owner, "29 December 2026");
        mail.ShouldContain($"/api/actions/{action.Id}");
        mail.ShouldContain("Reminder: IOM Panel action due Tuesday 29 December 2026");
        mail.ShouldNotContain(Description);
        mail.ShouldNotContain(personId);
        Outbox.ShouldHoldNoPersonalData(mail, ReferralApiTests.ValidReferral());
        reminding.Services.GetRequiredService<Iom.Functions.Http.FunctionCatalog>().Timers.Single(t => t.Name == "RemindActionOwners").Schedule.ShouldBe("0 0 6 * * *");
    }
}
