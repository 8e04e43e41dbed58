using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Minutes;
using Iom.Domain.Referrals;

namespace Iom.Domain.Tests.Panels;

public sealed class MeetingMinutesTests
{
    private static readonly DateOnly Day = new(2027, 1, 12);
    private static readonly MeetingId Meeting = new(PanelCode.Iom, Day);
    private static readonly DateTimeOffset At = new(2027, 1, 13, 9, 0, 0, TimeSpan.Zero);

    private static readonly PanelRoster Roster = new(PanelCode.Iom, Day, "Probation",
    [
        new PanelMember("chair", "Chair", "Probation", "SPO (Chair)", "chair@probation.gov.uk", MemberAttendance.Permanent, PanelSeat.Chair, false),
        new PanelMember("police", "PPO", "Police", "PPO", "ppo@met.police.uk", MemberAttendance.Permanent, PanelSeat.Member, false),
        new PanelMember("council", "CSP", "Council", "CSP", "csp@richmond.gov.uk", MemberAttendance.Permanent, PanelSeat.Member, false),
        new PanelMember("yot", "YOT", "YOT", "YOT", "yot@richmond.gov.uk", MemberAttendance.Permanent, PanelSeat.Member, false),
    ]);

    private static readonly MinutesDecision Selected = new("r1", "p1", DecisionOutcome.Selected, 4, 0, null,
        new LeadProfessional("Lead", "Probation", "lead@probation.gov.uk", null), CohortCategory.Ppo, CohortType.Fixed, [], "prolific", "first notes");

    private static readonly MinutesContent Content = new(
        [MinutesAttendee.Member("chair"), MinutesAttendee.Member("police"), MinutesAttendee.Member("council"), MinutesAttendee.Member("yot")],
        [], [Selected], [new MinutesAction("Visit", "police", Day.AddDays(14), "p1")]);

    private static MeetingMinutes FinalVersion1() =>
        MeetingMinutes.Draft(Meeting, Day, Content, "co", At).BeginFinalising(Roster, "co", At).MarkFinal();

    [Fact]
    public void Final_minutes_cannot_be_edited_without_a_change_summary()
    {
        Should.Throw<MinutesRuleException>(() => FinalVersion1().Save(Content, null, null, "co", At)).Reason.ShouldBe("minutes-final");
    }

    [Fact]
    public void Minutes_being_finalised_take_no_edits()
    {
        var finalising = MeetingMinutes.Draft(Meeting, Day, Content, "co", At).BeginFinalising(Roster, "co", At);

        Should.Throw<MinutesRuleException>(() => finalising.Save(Content, "late", null, "co", At)).Reason.ShouldBe("minutes-finalising");
    }

    [Fact]
    public void An_amendment_is_the_next_version_saying_what_it_changed()
    {
        var amended = Content with
        {
            Decisions = [Selected with { Notes = "corrected notes" }],
            Actions = [.. Content.Actions, new MinutesAction("Call", "council", Day.AddDays(7), null)],
        };

        var draft = FinalVersion1().Save(amended, "Corrected the notes; added an action", null, "co", At);

        draft.Version.ShouldBe(2);
        draft.Status.ShouldBe(MinutesStatus.Draft);
        draft.Amendment.ShouldBe(new MinutesAmendment(1, "Corrected the notes; added an action", ["decisions[0].notes", "actions"]), new AmendmentComparer());
    }

    [Fact]
    public void An_amendment_cannot_change_a_decision_already_applied()
    {
        var changed = Content with { Decisions = [Selected with { Outcome = DecisionOutcome.Declined }] };

        Should.Throw<MinutesRuleException>(() => FinalVersion1().Save(changed, "Declined after all", null, "co", At)).Reason.ShouldBe("amendment-changes-decision");
    }

    [Fact]
    public void An_amendment_cannot_remove_an_action_already_given_out()
    {
        Should.Throw<MinutesRuleException>(() => FinalVersion1().Save(Content with { Actions = [] }, "No action", null, "co", At)).Reason.ShouldBe("amendment-changes-action");
    }

    [Fact]
    public void A_selection_starts_a_spell_and_a_second_is_refused_until_a_deselection_ends_it()
    {
        var lead = new LeadProfessional("Lead", "Probation", "lead@probation.gov.uk", null);
        var member = CohortMembership.Empty("p1").Select(Day, PanelCode.Iom, CohortCategory.Ppo, CohortType.Fixed, ["catch-and-control"], lead, "iom-2027-01-12");

        member.Current!.SelectedAt.ShouldBe("iom-2027-01-12");
        Should.Throw<InvalidOperationException>(() => member.Select(Day, PanelCode.Iom, CohortCategory.Ppo, CohortType.Fixed, [], lead, "iom-2027-02-09"));

        var ended = member.Deselect(new DateOnly(2027, 6, 8), "completed", "iom-2027-06-08");
        ended.Current.ShouldBeNull();
        ended.On(new DateOnly(2027, 3, 1))!.EndReason.ShouldBe("completed");
        ended.On(new DateOnly(2027, 6, 9)).ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => ended.Deselect(new DateOnly(2027, 7, 1), "again", "iom-2027-07-13"));
    }

    private sealed class AmendmentComparer : IEqualityComparer<MinutesAmendment>
    {
        public bool Equals(MinutesAmendment? x, MinutesAmendment? y) =>
            x is not null && y is not null && x.Amends == y.Amends && x.Summary == y.Summary && x.Changed.SequenceEqual(y.Changed);

        public int GetHashCode(MinutesAmendment obj) => obj.Amends;
    }
}
