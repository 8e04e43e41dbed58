using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Panels.Actions;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Tests.Panels;

public sealed class ActionListingTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Meeting = new(2026, 11, 10);
    private const string Person = "feedfacefeedfacefeedfacefeedface";

    private readonly ActionKit kit = new("2026-12-14T09:00:00Z");

    public void Dispose() => kit.Dispose();

    private ListActionsHandler Handler(Iom.Application.Ports.Documents.IDocumentStore? documents = null) =>
        new(documents ?? kit.Documents, kit.Audit.Trail(documents ?? kit.Documents), kit.Time);

    private static DateOnly Day(int month, int day) => new(month >= 11 ? 2026 : 2027, month, day);

    [Fact]
    public async Task A_member_sees_only_their_own_open_actions_from_every_panel_in_due_date_order_a_page_at_a_time()
    {
        await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, Day(12, 20));
        await kit.AddAsync(PanelCode.Iom, Meeting, 2, ActionKit.IomMember, Day(12, 1));
        await kit.AddAsync(PanelCode.Iom, Meeting, 3, ActionKit.OtherIomMember, Day(12, 2));
        await kit.AddAsync(PanelCode.Iom, Meeting, 4, ActionKit.IomMember, Day(11, 30), status: PanelActionStatus.Done);
        await kit.AddAsync(PanelCode.Asb, Meeting, 1, ActionKit.IomMember, Day(12, 10));
        await kit.AddAsync(PanelCode.Asb, Meeting, 2, ActionKit.IomMember, Day(1, 5));
        // The member sits on IOM only: actions on panels they do not sit on are not theirs to list.
        var member = kit.Member(ActionKit.IomMember);

        var seen = new List<string>();
        var pages = 0;
        string? continuation = null;
        do
        {
            var page = await Handler().HandleAsync(new ActionQuery(ActionQuery.Me, null, PanelActionStatus.Open, false, 1, continuation), member, Ct);
            seen.AddRange(page.Items.Select(a => a.Id));
            continuation = page.Continuation;
            pages++;
        }
        while (continuation is not null && pages < 10);

        seen.ShouldBe(["iom-2026-11-10-action-2", "iom-2026-11-10-action-1"]);
    }

    [Fact]
    public async Task A_coordinator_pages_through_one_owners_actions_on_every_panel_merged_by_due_date_with_nothing_lost_or_repeated()
    {
        var expected = new List<(DateOnly Due, string Id)>();
        var position = 0;
        foreach (var panel in new[] { PanelCode.Iom, PanelCode.Asb, PanelCode.Dyo, PanelCode.StrategicGroup })
        {
            for (var i = 0; i < 5; i++)
            {
                // Due dates interleave across panels, and some fall on the same day.
                var action = await kit.AddAsync(panel, Meeting, ++position, ActionKit.IomMember, Day(12, 1).AddDays((position * 7) % 11));
                expected.Add((action.DueDate, action.Id));
            }
        }

        await kit.AddAsync(PanelCode.Asb, Meeting, 99, ActionKit.AsbMember, Day(12, 1));
        var coordinator = kit.CoordinatorActing();

        var seen = new List<PanelAction>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await Handler().HandleAsync(new ActionQuery(ActionKit.IomMember, null, null, false, 3, continuation), coordinator, Ct);
            page.Items.Count.ShouldBeLessThanOrEqualTo(3);
            seen.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null && ++pages < 50);

        seen.Select(a => a.Id).ShouldBe(expected.OrderBy(e => e.Due).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Id));
    }

    [Fact]
    public async Task Overdue_means_open_and_due_before_today_in_london()
    {
        // 23:30 UTC on 14 June is 00:30 on 15 June in London (BST): an action due on the 14th is overdue there.
        kit.Time.SetUtcNow(DateTimeOffset.Parse("2027-06-14T23:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, Day(6, 14));
        await kit.AddAsync(PanelCode.Iom, Meeting, 2, ActionKit.IomMember, Day(6, 15));
        await kit.AddAsync(PanelCode.Iom, Meeting, 3, ActionKit.IomMember, Day(12, 1), status: PanelActionStatus.Done);

        var page = await Handler().HandleAsync(new ActionQuery(ActionQuery.Me, PanelCode.Iom, PanelActionStatus.Open, true, 25), kit.Member(ActionKit.IomMember), Ct);

        page.Items.Select(a => a.Id).ShouldBe(["iom-2026-11-10-action-1"]);
        page.Continuation.ShouldBeNull();
    }

    [Fact]
    public async Task A_page_costs_one_query_per_panel_the_caller_reaches_however_many_actions_the_panels_hold()
    {
        for (var i = 1; i <= 60; i++)
        {
            await kit.AddAsync(i % 2 == 0 ? PanelCode.Iom : PanelCode.Asb, Meeting, i, i % 3 == 0 ? ActionKit.OtherIomMember : ActionKit.IomMember, Day(12, 1).AddDays(i % 20),
                status: i % 4 == 0 ? PanelActionStatus.Done : PanelActionStatus.Open);
        }

        var counting = new RoundTripCountingStore(kit.Documents);
        var page = await Handler(counting).HandleAsync(new ActionQuery(ActionQuery.Anyone, null, PanelActionStatus.Open, false, 5), kit.CoordinatorActing(), Ct);

        page.Items.Count.ShouldBe(5);
        // Four panels, one query each, all at once; no point reads, no partition reads (no action is about a person).
        counting.Log.SelectMany(r => r).ShouldBe(Enumerable.Repeat("query panels", 4));
        counting.Rounds.ShouldBe(1);
    }

    [Fact]
    public async Task Listing_an_action_about_a_person_is_recorded_in_their_audit_log_and_one_about_nobody_is_not()
    {
        await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, Day(12, 20), Person);
        await kit.AddAsync(PanelCode.Iom, Meeting, 2, ActionKit.IomMember, Day(12, 21));

        await Handler().HandleAsync(new ActionQuery(ActionQuery.Me, null, PanelActionStatus.Open, false, 25), kit.Member(ActionKit.IomMember), Ct);

        var records = await kit.Audit.Trail().ReadAsync(Person, Ct);
        records.Select(r => (r.Operation, r.Subject, r.Actor.UserId)).ShouldBe([(AuditOperation.Consultation, "action/iom-2026-11-10-action-1", ActionKit.IomMember)]);
    }

    [Fact]
    public async Task A_member_asking_for_someone_elses_actions_is_refused_and_a_coordinator_is_not()
    {
        await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.OtherIomMember, Day(12, 20));

        var refused = await Should.ThrowAsync<RefusalException>(() =>
            Handler().HandleAsync(new ActionQuery(ActionKit.OtherIomMember, null, PanelActionStatus.Open, false, 25), kit.Member(ActionKit.IomMember), Ct));
        refused.Reason.ShouldBe("not-own-actions");
        refused.Kind.ShouldBe(RefusalKind.Forbidden);

        (await Handler().HandleAsync(new ActionQuery(ActionKit.OtherIomMember, null, PanelActionStatus.Open, false, 25), kit.CoordinatorActing(), Ct))
            .Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_token_from_another_listing_or_altered_is_refused_with_400()
    {
        for (var i = 1; i <= 3; i++)
        {
            await kit.AddAsync(PanelCode.Iom, Meeting, i, ActionKit.IomMember, Day(12, 10 + i));
        }

        var member = kit.Member(ActionKit.IomMember);
        var first = await Handler().HandleAsync(new ActionQuery(ActionQuery.Me, null, PanelActionStatus.Open, false, 1), member, Ct);
        first.Continuation.ShouldNotBeNull();

        await Should.ThrowAsync<ValidationFailedException>(() =>
            Handler().HandleAsync(new ActionQuery(ActionQuery.Me, null, null, false, 1, first.Continuation), member, Ct));
        await Should.ThrowAsync<ValidationFailedException>(() =>
            Handler().HandleAsync(new ActionQuery(ActionQuery.Me, null, PanelActionStatus.Open, false, 1, first.Continuation[..^2] + "xx"), member, Ct));
    }
}
