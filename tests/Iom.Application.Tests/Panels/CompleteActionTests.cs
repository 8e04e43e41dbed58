using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Panels.Actions;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Tests.Panels;

public sealed class CompleteActionTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Meeting = new(2026, 11, 10);
    private static readonly DateOnly Due = new(2026, 12, 20);
    private const string Person = "feedfacefeedfacefeedfacefeedface";

    private readonly ActionKit kit = new();

    public void Dispose() => kit.Dispose();

    private PanelActionAccess Rule => new(kit.Panels);

    private CompleteActionHandler Handler => new(kit.Documents, kit.Audit.Trail(), kit.Time);

    private async Task<PanelAction> StoredAsync(string id) =>
        (await kit.Documents.ReadAsync<PanelAction>(PanelActionDocuments.KeyOf(PanelCode.Iom, id), Ct))!.Value;

    [Fact]
    public async Task The_owner_completes_their_action_and_the_change_is_recorded_in_the_persons_audit_log()
    {
        var action = await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, Due, Person);

        var done = await Handler.HandleAsync(action.Id, null, kit.Member(ActionKit.IomMember, Rule), Ct);

        done.Value.Status.ShouldBe(PanelActionStatus.Done);
        done.Value.CompletedBy.ShouldBe(ActionKit.IomMember);
        done.Value.CompletedAt.ShouldBe(kit.Time.GetUtcNow());
        (await StoredAsync(action.Id)).ShouldBe(done.Value);
        (await kit.Audit.Trail().ReadAsync(Person, Ct)).Select(r => (r.Operation, r.Subject))
            .ShouldBe([(AuditOperation.Alteration, $"action/{action.Id}/complete")]);
    }

    [Fact]
    public async Task A_coordinator_may_complete_anyones_action_and_an_action_about_nobody_writes_no_audit_record()
    {
        var action = await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, Due);

        var done = await Handler.HandleAsync(action.Id, null, kit.CoordinatorActing(Rule), Ct);

        done.Value.CompletedBy.ShouldBe(ActionKit.Coordinator);
        (await kit.Audit.Trail().ReadAsync(AuditTrail.OperationsChain, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_member_of_the_panel_is_refused_with_not_action_owner_and_nothing_changes()
    {
        var action = await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, Due, Person);

        var refused = await Should.ThrowAsync<RefusalException>(() => Handler.HandleAsync(action.Id, null, kit.Member(ActionKit.OtherIomMember, Rule), Ct));

        (refused.Kind, refused.Reason).ShouldBe((RefusalKind.Forbidden, "not-action-owner"));
        (await StoredAsync(action.Id)).ShouldBe(action);
        (await kit.Audit.Trail().ReadAsync(Person, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_member_of_another_panel_is_told_the_action_does_not_exist_as_for_an_id_that_names_none()
    {
        var action = await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, Due);

        var denied = await Should.ThrowAsync<RefusalException>(() => Handler.HandleAsync(action.Id, null, kit.Member(ActionKit.AsbMember, Rule), Ct));
        var missing = await Should.ThrowAsync<RefusalException>(() => Handler.HandleAsync("iom-2026-11-10-action-9", null, kit.Member(ActionKit.IomMember, Rule), Ct));
        var malformed = await Should.ThrowAsync<RefusalException>(() => Handler.HandleAsync("not-an-action", null, kit.Member(ActionKit.IomMember, Rule), Ct));

        new[] { denied, missing, malformed }.Select(r => (r.Kind, r.Reason, r.Title)).Distinct().ShouldHaveSingleItem()
            .ShouldBe((RefusalKind.NotFound, "not-found", "There is no action with that id."));
    }

    [Fact]
    public async Task Completing_twice_by_the_same_caller_gives_the_same_answer_and_after_someone_else_a_named_409()
    {
        var action = await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, Due);
        var first = await Handler.HandleAsync(action.Id, null, kit.Member(ActionKit.IomMember, Rule), Ct);
        kit.Time.Advance(TimeSpan.FromMinutes(5));

        var again = await Handler.HandleAsync(action.Id, first.ETag, kit.Member(ActionKit.IomMember, Rule), Ct);
        var conflict = await Should.ThrowAsync<RefusalException>(() => Handler.HandleAsync(action.Id, null, kit.CoordinatorActing(Rule), Ct));

        again.ShouldBe(first);
        (conflict.Kind, conflict.Reason).ShouldBe((RefusalKind.Conflict, "action-already-done"));
        (await StoredAsync(action.Id)).ShouldBe(first.Value);
    }

    [Fact]
    public async Task An_if_match_that_is_no_longer_current_is_refused_as_stale_and_the_current_one_completes()
    {
        var action = await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, Due);
        var read = await kit.Documents.ReadAsync<PanelAction>(PanelActionDocuments.KeyOf(PanelCode.Iom, action.Id), Ct);
        await kit.Documents.ReplaceAsync(read!.Key, action with { DueDate = Due.AddDays(7) }, read.ETag, Ct);

        var stale = await Should.ThrowAsync<RefusalException>(() => Handler.HandleAsync(action.Id, read.ETag, kit.Member(ActionKit.IomMember, Rule), Ct));
        stale.Kind.ShouldBe(RefusalKind.Stale);
        (await StoredAsync(action.Id)).Status.ShouldBe(PanelActionStatus.Open);

        var current = await kit.Documents.ReadAsync<PanelAction>(read.Key, Ct);
        (await Handler.HandleAsync(action.Id, current!.ETag, kit.Member(ActionKit.IomMember, Rule), Ct)).Value.Status.ShouldBe(PanelActionStatus.Done);
    }

    [Fact]
    public async Task Reading_an_action_about_a_person_is_a_consultation_in_their_log()
    {
        var action = await kit.AddAsync(PanelCode.Iom, Meeting, 1, ActionKit.IomMember, Due, Person);

        var read = await new GetActionHandler(kit.Documents, kit.Audit.Trail(), kit.Time).HandleAsync(action.Id, kit.Member(ActionKit.OtherIomMember, Rule), Ct);

        read.Value.ShouldBe(action);
        (await kit.Audit.Trail().ReadAsync(Person, Ct)).Select(r => (r.Operation, r.Subject, r.Actor.UserId))
            .ShouldBe([(AuditOperation.Consultation, $"action/{action.Id}", ActionKit.OtherIomMember)]);
    }
}
