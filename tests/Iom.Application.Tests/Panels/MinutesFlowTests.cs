using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Cohort;
using Iom.Application.Errors;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Panels.Actions;
using Iom.Application.Panels.Minutes;
using Iom.Application.Panels.Packs;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Minutes;
using Iom.Domain.Referrals;

namespace Iom.Application.Tests.Panels;

public sealed class MinutesFlowTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Id => MinutesKit.Meeting.ToString();

    private readonly MinutesKit kit = new();

    public void Dispose() => kit.Dispose();

    private async Task<Referral> ReferralAsync(string id) => (await kit.Documents.FindAsync(id, Ct)).ShouldNotBeNull().Value;

    private async Task<StoredMinutes> DraftAsync(IReadOnlyList<DecisionInput> decisions, IReadOnlyList<ActionInput>? actions = null) =>
        await kit.Save().HandleAsync(Id, new SaveMinutesRequest { Attendance = MinutesKit.Quorate, Decisions = decisions, Actions = actions }, null, false, MinutesKit.Coordinator(), Ct);

    [Fact]
    public async Task Of_two_concurrent_edits_one_is_saved_the_other_gets_412_and_its_retry_with_the_new_etag_keeps_both_edits()
    {
        await kit.MeetingWithReferralsAsync(Ct);
        var first = await kit.Save().HandleAsync(Id, new SaveMinutesRequest(), null, false, MinutesKit.Coordinator(), Ct);
        var etag = MinutesMeetings.EntityTag(first.ETag);

        // A adds the attendance, B the apologies, both from the same read.
        var a = new SaveMinutesRequest { Attendance = MinutesKit.Quorate };
        var b = new SaveMinutesRequest { Apologies = ["health"] };
        var saved = await kit.Save().HandleAsync(Id, a, etag, false, MinutesKit.Coordinator(), Ct);
        var stale = await Should.ThrowAsync<RefusalException>(() => kit.Save().HandleAsync(Id, b, etag, false, MinutesKit.Coordinator(), Ct));
        stale.Kind.ShouldBe(RefusalKind.Stale);

        // B reads again and saves its edit on what A saved.
        var reread = await kit.Get().HandleAsync(Id, null, MinutesKit.Coordinator(), Ct);
        reread.ETag.ShouldBe(saved.ETag);
        var merged = await kit.Save().HandleAsync(Id, a with { Apologies = ["health"] }, MinutesMeetings.EntityTag(reread.ETag), false, MinutesKit.Coordinator(), Ct);

        merged.Minutes.Content.Attendance.Count.ShouldBe(4);
        merged.Minutes.Content.Apologies.ShouldBe(["health"]);
        var stored = (await kit.Get().HandleAsync(Id, null, MinutesKit.Coordinator(), Ct)).Minutes.Content;
        stored.Attendance.ShouldBe(merged.Minutes.Content.Attendance);
        stored.Apologies.ShouldBe(["health"]);
    }

    [Fact]
    public async Task A_second_first_save_or_a_save_without_if_match_is_refused_with_412()
    {
        await kit.MeetingWithReferralsAsync(Ct);
        await kit.Save().HandleAsync(Id, new SaveMinutesRequest(), null, true, MinutesKit.Coordinator(), Ct);

        (await Should.ThrowAsync<RefusalException>(() => kit.Save().HandleAsync(Id, new SaveMinutesRequest(), null, true, MinutesKit.Coordinator(), Ct))).Reason.ShouldBe("stale");
        (await Should.ThrowAsync<RefusalException>(() => kit.Save().HandleAsync(Id, new SaveMinutesRequest(), null, false, MinutesKit.Coordinator(), Ct))).Reason.ShouldBe("if-match-required");
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        var ids = await kit.MeetingWithReferralsAsync(Ct, "Quenby");
        var request = new SaveMinutesRequest
        {
            Attendance = [new() { MemberId = "stranger" }],
            Decisions = [MinutesKit.Select(ids[0]) with { Category = "vip" }, MinutesKit.Decline(new string('a', 32))],
            Actions = [new() { Description = "Visit", OwnerMemberId = "nobody", DueDate = "2026-12-01" }],
        };

        var invalid = await Should.ThrowAsync<ValidationFailedException>(() => kit.Save().HandleAsync(Id, request, null, false, MinutesKit.Coordinator(), Ct));

        invalid.Errors.Keys.ShouldBe(
            ["attendance[0].memberId", "decisions[0].category", "decisions[1].referralId", "actions[0].ownerMemberId", "actions[0].dueDate"], ignoreOrder: true);
        (await kit.Documents.ReadAsync<MeetingMinutes>(MinutesDocuments.KeyOf(MinutesKit.Meeting), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Finalising_moves_each_referral_starts_the_cohort_membership_creates_the_actions_and_queues_the_events_and_the_circulation()
    {
        var ids = await kit.MeetingWithReferralsAsync(Ct, "Quenby", "Marsh");
        var selected = await ReferralAsync(ids[0]);
        await DraftAsync([MinutesKit.Select(ids[0]), MinutesKit.Decline(ids[1])],
            [new() { Description = "Arrange a home visit", OwnerMemberId = "police", DueDate = "2027-01-26", PersonId = selected.PersonId }]);

        var final = await kit.Finalise().HandleAsync(Id, MinutesKit.Coordinator(), Ct);

        final.Minutes.Status.ShouldBe(MinutesStatus.Final);
        final.Minutes.Ruling!.ActingChairMemberId.ShouldBe("chair");
        (await ReferralAsync(ids[0])).Status.ShouldBe(ReferralStatus.Selected);
        (await ReferralAsync(ids[1])).Status.ShouldBe(ReferralStatus.Declined);
        var membership = (await kit.Documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(selected.PersonId), Ct)).ShouldNotBeNull().Value;
        membership.Current.ShouldNotBeNull().SelectedAt.ShouldBe(Id);
        membership.Current.LeadProfessional.Email.ShouldBe("pat.lead@probation.gov.uk");
        (await kit.Documents.ReadAsync<CohortListing>(CohortDocuments.ListingOf(PanelCode.Iom, selected.PersonId), Ct)).ShouldNotBeNull().Value.ReviewDue.ShouldBe(new DateOnly(2027, 4, 12));
        (await kit.Documents.ReadAsync<ReferralListing>(ReferralListings.KeyOf(PanelCode.Iom, ids[1]), Ct)).ShouldNotBeNull().Value.Status.ShouldBe(ReferralStatus.Declined);
        var action = (await kit.Documents.ReadAsync<PanelAction>(PanelActionDocuments.KeyOf(PanelCode.Iom, PanelActionDocuments.IdFor(MinutesKit.Meeting, 1)), Ct)).ShouldNotBeNull().Value;
        (action.OwnerMemberId, action.DueDate, action.Status).ShouldBe(("police", new DateOnly(2027, 1, 26), PanelActionStatus.Open));

        var events = await kit.QueuedAsync(CohortQueues.Events, Ct);
        events.ShouldHaveSingleItem().ShouldContain(CohortEvents.MemberSelected);
        events[0].ShouldNotContain("Quenby");
        var circulated = (await kit.QueuedAsync(PanelQueues.MinutesCirculation, Ct)).ShouldHaveSingleItem();
        var message = JsonSerializer.Deserialize<MinutesFinalised>(circulated, DocumentJson.Options)!;
        message.Version.ShouldBe(1);
        message.Recipients.Select(r => r.Email).ShouldBe(
            ["chair@probation.gov.uk", "ppo@met.police.uk", "csp@richmond.gov.uk", "yot@richmond.gov.uk", "nurse@nhs.net", "delegate@richmond.gov.uk"]);
        message.Outcomes.Select(o => (o.ReferralId, o.Outcome, o.ReferrerEmail)).ShouldBe(
            [(ids[0], "selected", "sam.patel@met.police.uk"), (ids[1], "declined", "sam.patel@met.police.uk")]);
        message.PeopleIds.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_crash_part_way_through_leaves_the_minutes_finalising_and_the_outbox_retry_completes_every_step_exactly_once()
    {
        var ids = await kit.MeetingWithReferralsAsync(Ct, "Quenby", "Marsh");
        await DraftAsync([MinutesKit.Select(ids[0]), MinutesKit.Select(ids[1])]);

        // The first person's commit goes through; the second's is lost.
        var crashing = new CrashingCommitStore(kit.Documents, commitsBeforeCrash: 1);
        var interrupted = await kit.Finalise(crashing).HandleAsync(Id, MinutesKit.Coordinator(), Ct);

        crashing.Crashes.ShouldBe(1);
        interrupted.Minutes.Status.ShouldBe(MinutesStatus.Finalising);
        (await ReferralAsync(ids[0])).Status.ShouldBe(ReferralStatus.Selected);
        (await ReferralAsync(ids[1])).Status.ShouldBe(ReferralStatus.Listed);
        (await kit.QueuedAsync(PanelQueues.MinutesCirculation, Ct)).ShouldBeEmpty();

        // The outbox entry committed with "finalising" is relayed and its handler finishes the work.
        kit.Time.Advance(OutboxRelay.SweepAge);
        await kit.Relay().SweepAsync(OutboxRelay.SweepAge, Ct);
        var apply = (await kit.QueuedAsync(MinutesQueues.Apply, Ct)).ShouldHaveSingleItem();
        await kit.Apply().HandleAsync(apply, Ct);
        await kit.Apply().HandleAsync(apply, Ct); // delivered twice: harmless

        (await kit.Get().HandleAsync(Id, null, MinutesKit.Coordinator(), Ct)).Minutes.Status.ShouldBe(MinutesStatus.Final);
        foreach (var id in ids)
        {
            var referral = await ReferralAsync(id);
            referral.History.Count(h => h.To == ReferralStatus.Selected).ShouldBe(1);
            (await kit.Documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(referral.PersonId), Ct))!.Value.Periods.Count.ShouldBe(1);
        }

        await kit.Relay().SweepAsync(TimeSpan.Zero, Ct);
        (await kit.QueuedAsync(CohortQueues.Events, Ct)).Count.ShouldBe(2);
        (await kit.QueuedAsync(PanelQueues.MinutesCirculation, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_commit_applied_but_reported_as_timed_out_is_read_back_and_applied_once()
    {
        var ids = await kit.MeetingWithReferralsAsync(Ct, "Quenby");
        await DraftAsync([MinutesKit.Select(ids[0])]);

        var final = await kit.Finalise(new CrashingCommitStore(kit.Documents, commitsBeforeCrash: 0, appliedAnyway: true)).HandleAsync(Id, MinutesKit.Coordinator(), Ct);
        // Posting again finds the minutes final: 409, nothing applied a second time.
        (await Should.ThrowAsync<RefusalException>(() => kit.Finalise().HandleAsync(Id, MinutesKit.Coordinator(), Ct))).Reason.ShouldBe("minutes-final");

        var referral = await ReferralAsync(ids[0]);
        referral.History.Count(h => h.To == ReferralStatus.Selected).ShouldBe(1);
        (await kit.Get().HandleAsync(Id, null, MinutesKit.Coordinator(), Ct)).Minutes.Status.ShouldBe(MinutesStatus.Final);
        final.Minutes.Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_rule_broken_is_refused_with_its_name_and_nothing_is_applied()
    {
        var ids = await kit.MeetingWithReferralsAsync(Ct, "Quenby");
        await kit.Save().HandleAsync(Id, new SaveMinutesRequest { Attendance = MinutesKit.Quorate[..3], Decisions = [MinutesKit.Select(ids[0])] }, null, false, MinutesKit.Coordinator(), Ct);

        var refused = await Should.ThrowAsync<RefusalException>(() => kit.Finalise().HandleAsync(Id, MinutesKit.Coordinator(), Ct));

        (refused.Kind, refused.Reason).ShouldBe((RefusalKind.Unprocessable, "inquorate"));
        (await ReferralAsync(ids[0])).Status.ShouldBe(ReferralStatus.Listed);
        (await kit.Get().HandleAsync(Id, null, MinutesKit.Coordinator(), Ct)).Minutes.Status.ShouldBe(MinutesStatus.Draft);
    }

    [Fact]
    public async Task Final_minutes_cannot_be_edited_and_an_amendment_is_a_new_version_that_says_what_it_changed()
    {
        var ids = await kit.MeetingWithReferralsAsync(Ct, "Quenby");
        await DraftAsync([MinutesKit.Select(ids[0])]);
        var final = await kit.Finalise().HandleAsync(Id, MinutesKit.Coordinator(), Ct);
        var etag = MinutesMeetings.EntityTag(final.ETag);
        var edit = new SaveMinutesRequest { Attendance = MinutesKit.Quorate, Decisions = [MinutesKit.Select(ids[0]) with { Notes = "Agreed unanimously." }] };

        var refused = await Should.ThrowAsync<RefusalException>(() => kit.Save().HandleAsync(Id, edit, etag, false, MinutesKit.Coordinator(), Ct));
        (refused.Kind, refused.Reason).ShouldBe((RefusalKind.Conflict, "minutes-final"));
        var changedDecision = edit with { Decisions = [MinutesKit.Select(ids[0]) with { Outcome = "deferred" }], ChangeSummary = "Deferred after all" };
        (await Should.ThrowAsync<RefusalException>(() => kit.Save().HandleAsync(Id, changedDecision, etag, false, MinutesKit.Coordinator(), Ct))).Reason.ShouldBe("amendment-changes-decision");

        var amendment = await kit.Save().HandleAsync(Id, edit with { ChangeSummary = "Recorded that the decision was unanimous" }, etag, false, MinutesKit.Coordinator(), Ct);
        amendment.Minutes.Version.ShouldBe(2);
        amendment.Minutes.Amendment!.Changed.ShouldBe(["decisions[0].notes"]);
        var second = await kit.Finalise().HandleAsync(Id, MinutesKit.Coordinator(), Ct);

        second.Minutes.Status.ShouldBe(MinutesStatus.Final);
        (await kit.Get().HandleAsync(Id, 1, MinutesKit.Coordinator(), Ct)).Minutes.Content.Decisions[0].Notes.ShouldBeNull();
        (await kit.Get().HandleAsync(Id, 2, MinutesKit.Coordinator(), Ct)).Minutes.Content.Decisions[0].Notes.ShouldBe("Agreed unanimously.");
        (await ReferralAsync(ids[0])).History.Count(h => h.To == ReferralStatus.Selected).ShouldBe(1);
        (await kit.QueuedAsync(PanelQueues.MinutesCirculation, Ct)).Select(m => JsonSerializer.Deserialize<MinutesFinalised>(m, DocumentJson.Options)!.Version).ShouldBe([1, 2], ignoreOrder: true);
    }

    [Fact]
    public async Task Reading_and_saving_minutes_is_recorded_in_the_audit_log_of_each_person_they_name()
    {
        var ids = await kit.MeetingWithReferralsAsync(Ct, "Quenby", "Marsh");
        await DraftAsync([MinutesKit.Select(ids[0]), MinutesKit.Decline(ids[1])]);
        await kit.Get().HandleAsync(Id, null, MinutesKit.Coordinator("corr-read"), Ct);

        foreach (var id in ids)
        {
            var records = await kit.Audit.Trail().ReadAsync((await ReferralAsync(id)).PersonId, Ct);
            var read = records.Single(r => r.CorrelationId == "corr-read");
            (read.Operation, read.Subject, read.DisclosurePeople).ShouldBe((AuditOperation.Consultation, $"minutes/{Id}/v1", 2));
            records.ShouldContain(r => r.Operation == AuditOperation.Collection && r.Subject == $"minutes/{Id}/v1");
        }
    }

    [Fact]
    public async Task A_deferred_referral_is_relisted_for_the_panels_next_meeting_in_the_same_commit_once_and_appears_in_its_agenda_pack()
    {
        var ids = await kit.MeetingWithReferralsAsync(Ct, "Quenby");
        await kit.AddMeetingAsync("2027-02-09", Ct);
        await DraftAsync([MinutesKit.Defer(ids[0])]);

        // The person's commit is lost on the first run, so the outbox's retries apply it, delivered twice.
        (await kit.Finalise(new CrashingCommitStore(kit.Documents, commitsBeforeCrash: 0)).HandleAsync(Id, MinutesKit.Coordinator(), Ct)).Minutes.Status.ShouldBe(MinutesStatus.Finalising);
        (await ReferralAsync(ids[0])).Status.ShouldBe(ReferralStatus.Listed);
        kit.Time.Advance(OutboxRelay.SweepAge);
        await kit.Relay().SweepAsync(OutboxRelay.SweepAge, Ct);
        var apply = (await kit.QueuedAsync(MinutesQueues.Apply, Ct)).ShouldHaveSingleItem();
        await kit.Apply().HandleAsync(apply, Ct);
        await kit.Apply().HandleAsync(apply, Ct);

        var referral = await ReferralAsync(ids[0]);
        (referral.Status, referral.MeetingDate).ShouldBe((ReferralStatus.Listed, new DateOnly(2027, 2, 9)));
        referral.History.Select(h => (h.From, h.To)).ShouldBe([(ReferralStatus.Listed, ReferralStatus.Deferred), (ReferralStatus.Deferred, ReferralStatus.Listed)]);
        (await kit.Audit.Trail().ReadAsync(referral.PersonId, Ct)).Count(r => r.Operation == AuditOperation.Alteration && r.Subject == $"referral/{ids[0]}").ShouldBe(2);
        var next = new MeetingId(PanelCode.Iom, new DateOnly(2027, 2, 9));
        var pack = await new GetAgendaPackHandler(kit.Documents, kit.Rosters, kit.Audit.Trail(), kit.Time).HandleAsync(next, MinutesKit.Coordinator(), Ct);
        pack.Referrals.ShouldHaveSingleItem().ReferralId.ShouldBe(ids[0]);
        await kit.Relay().SweepAsync(TimeSpan.Zero, Ct);
        var message = JsonSerializer.Deserialize<MinutesFinalised>((await kit.QueuedAsync(PanelQueues.MinutesCirculation, Ct)).ShouldHaveSingleItem(), DocumentJson.Options)!;
        message.Outcomes.ShouldHaveSingleItem().Outcome.ShouldBe("deferred");
    }

    [Fact]
    public async Task A_deferred_referral_with_no_later_meeting_awaits_one()
    {
        var ids = await kit.MeetingWithReferralsAsync(Ct, "Quenby");
        await DraftAsync([MinutesKit.Defer(ids[0])]);

        await kit.Finalise().HandleAsync(Id, MinutesKit.Coordinator(), Ct);

        var referral = await ReferralAsync(ids[0]);
        (referral.Status, referral.MeetingDate).ShouldBe((ReferralStatus.AwaitingMeeting, (DateOnly?)null));
        (await kit.Documents.ReadAsync<ReferralListing>(ReferralListings.KeyOf(PanelCode.Iom, ids[0]), Ct)).ShouldNotBeNull().Value.Status.ShouldBe(ReferralStatus.AwaitingMeeting);
    }

    [Fact]
    public async Task A_decision_that_could_no_longer_be_applied_is_not_announced_to_its_referrer()
    {
        var ids = await kit.MeetingWithReferralsAsync(Ct, "Quenby", "Marsh");
        await DraftAsync([MinutesKit.Select(ids[0]), MinutesKit.Select(ids[1])]);
        await kit.Finalise(new CrashingCommitStore(kit.Documents, commitsBeforeCrash: 0)).HandleAsync(Id, MinutesKit.Coordinator(), Ct);

        // The second referral is withdrawn while the minutes are still finalising.
        var withdrawn = (await kit.Documents.FindAsync(ids[1], Ct)).ShouldNotBeNull();
        await kit.Documents.ReplaceAsync(withdrawn.Key,
            withdrawn.Value.Withdraw(WithdrawalReason.PersonMovedAway, null, kit.Time.GetUtcNow(), "user-referrer").Referral, withdrawn.ETag, Ct);
        kit.Time.Advance(OutboxRelay.SweepAge);
        await kit.Relay().SweepAsync(OutboxRelay.SweepAge, Ct);
        await kit.Apply().HandleAsync((await kit.QueuedAsync(MinutesQueues.Apply, Ct)).ShouldHaveSingleItem(), Ct);

        (await ReferralAsync(ids[1])).Status.ShouldBe(ReferralStatus.Withdrawn);
        await kit.Relay().SweepAsync(TimeSpan.Zero, Ct);
        var message = JsonSerializer.Deserialize<MinutesFinalised>((await kit.QueuedAsync(PanelQueues.MinutesCirculation, Ct)).ShouldHaveSingleItem(), DocumentJson.Options)!;
        message.Outcomes.Select(o => (o.ReferralId, o.Outcome)).ShouldBe([(ids[0], "selected")]);
    }

    [Fact]
    public async Task Finalised_minutes_are_the_previous_minutes_of_the_panels_later_agenda_packs_and_of_no_earlier_one()
    {
        var ids = await kit.MeetingWithReferralsAsync(Ct, "Quenby");
        await kit.AddMeetingAsync("2027-02-09", Ct);
        await kit.AddMeetingAsync("2027-03-09", Ct);
        var packs = new GetAgendaPackHandler(kit.Documents, kit.Rosters, kit.Audit.Trail(), kit.Time);
        var february = new MeetingId(PanelCode.Iom, new DateOnly(2027, 2, 9));
        (await packs.HandleAsync(february, MinutesKit.Coordinator(), Ct)).PreviousMinutesMeetingId.ShouldBeNull();

        await DraftAsync([MinutesKit.Select(ids[0])]);
        await kit.Finalise().HandleAsync(Id, MinutesKit.Coordinator(), Ct);
        // An amendment going final leaves the one entry as it is.
        var current = await kit.Get().HandleAsync(Id, null, MinutesKit.Coordinator(), Ct);
        await kit.Save().HandleAsync(Id, new SaveMinutesRequest { Attendance = MinutesKit.Quorate, Decisions = [MinutesKit.Select(ids[0]) with { Notes = "Unanimous." }], ChangeSummary = "Notes" },
            MinutesMeetings.EntityTag(current.ETag), false, MinutesKit.Coordinator(), Ct);
        await kit.Finalise().HandleAsync(Id, MinutesKit.Coordinator(), Ct);

        (await packs.HandleAsync(february, MinutesKit.Coordinator(), Ct)).PreviousMinutesMeetingId.ShouldBe(Id);
        (await packs.HandleAsync(new MeetingId(PanelCode.Iom, new DateOnly(2027, 3, 9)), MinutesKit.Coordinator(), Ct)).PreviousMinutesMeetingId.ShouldBe(Id);
        (await packs.HandleAsync(MinutesKit.Meeting, MinutesKit.Coordinator(), Ct)).PreviousMinutesMeetingId.ShouldBeNull();
        (await kit.Documents.ReadAsync<FinalisedMinutesIndex>(FinalisedMinutesIndex.KeyOf(PanelCode.Iom), Ct)).ShouldNotBeNull().Value.Meetings
            .ShouldBe([new FinalisedMinutesEntry(Id, new DateOnly(2027, 1, 12))]);
    }
}
