using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Minutes;
using Iom.Domain.Referrals;

namespace Iom.Domain.Tests.Panels;

/// <summary>The voting rules of the terms of reference, one row a case: each refused case names its rule.</summary>
public sealed class MinutesRulesTests
{
    private static readonly DateOnly Day = new(2027, 1, 12);

    // Probation chairs; police has a vice-chair and a senior representative; the council one senior representative.
    private static PanelRoster Roster(PanelCode panel = PanelCode.Iom) => new(panel, Day, "Probation",
    [
        new PanelMember("chair", "Chair", "Probation", "SPO (Chair)", "chair@probation.gov.uk", MemberAttendance.Permanent, PanelSeat.Chair, false),
        new PanelMember("vice", "Vice", "Richmond Police", "DI", "vice@met.police.uk", MemberAttendance.Permanent, PanelSeat.ViceChair, true),
        new PanelMember("police2", "PPO Officer", "Richmond Police", "PPO Officer", "ppo@met.police.uk", MemberAttendance.Permanent, PanelSeat.Member, false),
        new PanelMember("council", "Council", "Council", "Head of CSP", "csp@richmond.gov.uk", MemberAttendance.Permanent, PanelSeat.Member, true),
        new PanelMember("yot", "YOT", "Youth Offending Team", "Manager", "yot@richmond.gov.uk", MemberAttendance.Permanent, PanelSeat.Member, false),
        new PanelMember("health", "Health", "Health", "Nurse", "nurse@nhs.net", MemberAttendance.AsRequired, PanelSeat.Member, false),
        new PanelMember("housing", "Housing", "Housing", "Officer", "housing@richmond.gov.uk", MemberAttendance.AsRequired, PanelSeat.Member, false),
    ]);

    private static MinutesAttendee M(string id) => MinutesAttendee.Member(id);

    private static MinutesAttendee D(string forId) => MinutesAttendee.Delegate(forId, "A Delegate", "Somewhere", "delegate@met.police.uk");

    private static MinutesDecision Decision(int votesFor, int votesAgainst, CastingVote? casting = null) =>
        new("r1", "p1", DecisionOutcome.Selected, votesFor, votesAgainst, casting, new LeadProfessional("Lead", "Probation", "lead@probation.gov.uk", null),
            CohortCategory.Ppo, CohortType.Fixed, ["catch-and-control"], "prolific", null);

    private static MinutesContent Content(MinutesAttendee[] attendance, params MinutesDecision[] decisions) => new(attendance, [], decisions, []);

    private static readonly MinutesAttendee[] FourOrganisations = [M("chair"), M("vice"), M("council"), M("yot")];

    public sealed record RuleCase(string Name, PanelCode Panel, MinutesContent Content, string? Refusal)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<RuleCase> Cases() =>
    [
        // Quorum (ToR 1.11, 4.9): four distinct organisations.
        new RuleCase("four organisations present are quorate", PanelCode.Iom, Content(FourOrganisations, Decision(4, 0)), null),
        new RuleCase("three organisations present are inquorate", PanelCode.Iom, Content([M("chair"), M("vice"), M("council")], Decision(3, 0)), "inquorate"),
        new RuleCase("two people of one organisation count once", PanelCode.Iom, Content([M("chair"), M("vice"), M("police2"), M("council")], Decision(4, 0)), "inquorate"),
        new RuleCase("a delegate counts for the organisation of the member they stand in for", PanelCode.Iom, Content([M("chair"), M("vice"), M("council"), D("yot")], Decision(4, 0)), null),
        new RuleCase("a delegate for a member of an organisation already present adds none", PanelCode.Iom, Content([M("chair"), M("vice"), M("council"), D("police2")], Decision(4, 0)), "inquorate"),
        new RuleCase("an inquorate meeting with no decisions may be minuted", PanelCode.Iom, Content([M("chair"), M("vice")]), null),
        new RuleCase("someone who is not a member is refused", PanelCode.Iom, Content([M("chair"), M("vice"), M("council"), M("stranger")], Decision(4, 0)), "unknown-member"),

        // Acting chair (ToR 1.8, 4.6).
        new RuleCase("the chair absent, the vice-chair chairs", PanelCode.Iom, Content([M("vice"), M("council"), M("yot"), M("health")], Decision(2, 2, CastingVote.For)), null),
        new RuleCase("chair and vice-chair absent, a senior council representative chairs", PanelCode.Iom, Content([M("police2"), M("council"), M("yot"), M("health")], Decision(2, 2, CastingVote.For)), null),
        new RuleCase("an absent chair with no vice-chair or senior representative present: no chair", PanelCode.Iom, Content([M("police2"), M("yot"), M("health"), M("housing")], Decision(4, 0)), "no-chair"),
        new RuleCase("a delegate for the chair does not take the chair", PanelCode.Iom, Content([D("chair"), M("police2"), M("yot"), M("health")], Decision(4, 0)), "no-chair"),

        // Majority and casting vote (ToR 1.12, 4.10).
        new RuleCase("a simple majority carries", PanelCode.Iom, Content(FourOrganisations, Decision(3, 1)), null),
        new RuleCase("more against than for is not carried", PanelCode.Iom, Content(FourOrganisations, Decision(1, 3)), "decision-not-carried"),
        new RuleCase("a tie without a casting vote is refused", PanelCode.Iom, Content(FourOrganisations, Decision(2, 2)), "tie-without-casting-vote"),
        new RuleCase("a tie with the chair's casting vote for carries", PanelCode.Iom, Content(FourOrganisations, Decision(2, 2, CastingVote.For)), null),
        new RuleCase("a tie with the chair's casting vote against is not carried", PanelCode.Iom, Content(FourOrganisations, Decision(2, 2, CastingVote.Against)), "decision-not-carried"),
        new RuleCase("a casting vote without a tie is refused", PanelCode.Iom, Content(FourOrganisations, Decision(3, 1, CastingVote.For)), "casting-vote-without-tie"),
        new RuleCase("more votes than people present are refused", PanelCode.Iom, Content(FourOrganisations, Decision(4, 1)), "vote-count-exceeds-attendance"),
        new RuleCase("a delegate's vote counts", PanelCode.Iom, Content([M("chair"), M("vice"), M("council"), D("yot")], Decision(3, 1)), null),

        // ASB (ToR 2.10): where partners disagree, the chair has the final say.
        new RuleCase("ASB partners disagreeing with the chair deciding for carries against the majority", PanelCode.Asb, Content(FourOrganisations, Decision(1, 3, CastingVote.For)), null),
        new RuleCase("ASB partners disagreeing with the chair deciding against is not carried despite the majority", PanelCode.Asb, Content(FourOrganisations, Decision(3, 1, CastingVote.Against)), "decision-not-carried"),
        new RuleCase("ASB partners disagreeing without the chair's decision is refused", PanelCode.Asb, Content(FourOrganisations, Decision(3, 1)), "chair-decision-required"),
        new RuleCase("ASB partners agreeing need no chair's decision", PanelCode.Asb, Content(FourOrganisations, Decision(4, 0)), null),
        new RuleCase("the same split on the IOM panel is decided by the majority", PanelCode.Iom, Content(FourOrganisations, Decision(1, 3, CastingVote.For)), "casting-vote-without-tie"),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Finalising_applies_the_terms_of_reference_and_names_the_rule_a_case_breaks(RuleCase @case)
    {
        var minutes = MeetingMinutes.Draft(new MeetingId(@case.Panel, Day), Day, @case.Content, "coordinator", DateTimeOffset.UnixEpoch);

        if (@case.Refusal is null)
        {
            minutes.BeginFinalising(Roster(@case.Panel), "coordinator", DateTimeOffset.UnixEpoch).Status.ShouldBe(MinutesStatus.Finalising);
        }
        else
        {
            Should.Throw<MinutesRuleException>(() => minutes.BeginFinalising(Roster(@case.Panel), "coordinator", DateTimeOffset.UnixEpoch)).Reason.ShouldBe(@case.Refusal);
        }
    }

    [Fact]
    public void The_ruling_records_the_organisations_and_the_acting_chair_in_the_order_of_the_roster()
    {
        var ruling = MinutesRules.Judge(Content([M("police2"), M("council"), M("vice"), M("yot"), M("health")], Decision(3, 0)), Roster());

        ruling.Quorate.ShouldBeTrue();
        ruling.Organisations.ShouldBe(["Richmond Police", "Council", "Youth Offending Team", "Health"]);
        ruling.ActingChairMemberId.ShouldBe("vice");
    }

    [Fact]
    public void An_inquorate_meeting_without_decisions_is_ruled_inquorate()
    {
        MinutesRules.Judge(Content([M("chair")]), Roster()).Quorate.ShouldBeFalse();
    }
}
