using Iom.Domain.Referrals;
using static Iom.Domain.Referrals.ReferralStatus;

namespace Iom.Domain.Tests.Referrals;

public sealed class ReferralTests
{
    private static readonly DateTimeOffset SubmittedAt = new(2026, 12, 14, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = SubmittedAt.AddDays(20);
    private static readonly DateOnly Meeting = new(2027, 1, 12);

    // Each status move the aggregate offers, by the status it moves to.
    private static readonly (ReferralStatus To, Func<Referral, ReferralChange> Move)[] Moves =
    [
        (Withdrawn, r => r.Withdraw(WithdrawalReason.PersonMovedAway, null, Later, "referrer")),
        (Listed, r => r.ListFor(Meeting, Later, "system")),
        (AwaitingMeeting, r => r.AwaitMeeting("meeting cancelled", Later, "coordinator")),
        (Selected, r => r.Select(Later, "coordinator")),
        (Declined, r => r.Decline("not a priority", Later, "coordinator")),
        (Deferred, r => r.Defer("more information needed", Later, "coordinator")),
    ];

    [Fact]
    public void A_referral_with_a_meeting_far_enough_ahead_is_submitted_listed_to_be_listed_and_acknowledged()
    {
        var change = Submitted(Meeting);

        change.Referral.Status.ShouldBe(Listed);
        change.Referral.MeetingDate.ShouldBe(Meeting);
        change.Referral.Panel.ShouldBe(PanelCode.Iom);
        change.Referral.History.ShouldBeEmpty();
        change.Effects.ShouldBe([new ListingChanged(PanelCode.Iom, Listed, Meeting), new MessageDue(ReferralMessage.Acknowledgement)]);
    }

    [Fact]
    public void A_referral_with_no_meeting_far_enough_ahead_is_submitted_awaiting_one()
    {
        var change = Submitted(null);

        change.Referral.Status.ShouldBe(AwaitingMeeting);
        change.Effects.ShouldContain(new ListingChanged(PanelCode.Iom, AwaitingMeeting, null));
    }

    [Fact]
    public void A_referral_cannot_be_submitted_without_a_panel_to_route_it_to()
    {
        Should.Throw<ArgumentException>(() => Referral.Submit("r1", "p1", "IOM-261214-ABCD", ReferralType.Iom,
            new RoutingDecision("refused", new Dictionary<string, string>(), null), Meeting, Person, "reason", [], [],
            RiskOfSeriousHarm.Low, 0, false, null, 40, false, false, Referrer, "police", "u1", SubmittedAt, []));
    }

    [Fact]
    public void Every_move_from_every_status_succeeds_exactly_when_the_transition_table_allows_it()
    {
        foreach (var from in Enum.GetValues<ReferralStatus>())
        {
            foreach (var (to, move) in Moves)
            {
                var referral = In(from);
                if (ReferralStatusRules.CanMove(from, to))
                {
                    var change = move(referral);
                    change.Referral.Status.ShouldBe(to, $"{from} -> {to}");
                    change.Referral.History[^1].ShouldBe(change.Referral.History[^1] with { From = from, To = to, At = Later }, $"{from} -> {to}");
                    change.Referral.History.Count.ShouldBe(referral.History.Count + 1);
                    change.Effects.OfType<ListingChanged>().Single().Status.ShouldBe(to);
                }
                else
                {
                    var refused = Should.Throw<InvalidTransitionException>(() => move(referral), $"{from} -> {to}");
                    (refused.From, refused.To).ShouldBe((from, to));
                }
            }
        }

        Moves.Select(m => m.To).ShouldBe(Enum.GetValues<ReferralStatus>(), ignoreOrder: true);
    }

    [Fact]
    public void Withdrawing_records_the_coded_reason_by_its_wire_name_and_the_note_trimmed()
    {
        var change = In(Listed).Withdraw(WithdrawalReason.OtherAgencyLeads, "  Probation lead.  ", Later, "referrer-1");

        change.Referral.WithdrawalReason.ShouldBe(WithdrawalReason.OtherAgencyLeads);
        change.Referral.WithdrawalNote.ShouldBe("Probation lead.");
        change.Referral.History[^1].ShouldBe(new StatusChange(Listed, Withdrawn, Later, "referrer-1", "other-agency-leads"));
        change.Effects.ShouldBe([new ListingChanged(PanelCode.Iom, Withdrawn, Meeting)]);
    }

    [Fact]
    public void Withdrawing_for_another_reason_needs_a_note()
    {
        Should.Throw<ArgumentException>(() => In(Listed).Withdraw(WithdrawalReason.Other, "  ", Later, "referrer-1"));
    }

    [Fact]
    public void Listing_for_a_meeting_sets_the_meeting_and_says_which_in_the_history()
    {
        var change = In(AwaitingMeeting).ListFor(Meeting, Later, "system:referral-listing");

        change.Referral.MeetingDate.ShouldBe(Meeting);
        change.Referral.History[^1].Reason.ShouldBe("meeting 2027-01-12");
        change.Effects.ShouldBe([new ListingChanged(PanelCode.Iom, Listed, Meeting)]);
    }

    [Fact]
    public void Going_back_to_awaiting_a_meeting_clears_the_meeting()
    {
        var change = In(Listed).AwaitMeeting("meeting cancelled", Later, "coordinator");

        change.Referral.MeetingDate.ShouldBeNull();
        change.Effects.ShouldBe([new ListingChanged(PanelCode.Iom, AwaitingMeeting, null)]);
    }

    [Fact]
    public void Each_panel_decision_is_told_to_the_referrer()
    {
        foreach (var decide in new Func<Referral, ReferralChange>[]
                 { r => r.Select(Later, "c"), r => r.Decline(null, Later, "c"), r => r.Defer(null, Later, "c") })
        {
            decide(In(Listed)).Effects.ShouldContain(new MessageDue(ReferralMessage.PanelDecision));
        }
    }

    [Fact]
    public void A_move_changes_only_the_copy_it_returns()
    {
        var listed = In(Listed);

        _ = listed.Select(Later, "c");

        listed.Status.ShouldBe(Listed);
        listed.History.ShouldBeEmpty();
    }

    [Fact]
    public void Recording_the_code_of_a_free_text_ward_changes_the_ward_and_nothing_else()
    {
        var old = In(Selected) with { Person = Person with { Ward = "south richmond" } };

        var mapped = old.WithWardCode(new Iom.Domain.Wards.Ward("E05000401", "South Richmond", []));

        mapped.ShouldBe(old with { Person = old.Person with { Ward = "E05000401" } });
        mapped.History.ShouldBe(old.History);
    }

    private static readonly PersonDetails Person = new("Sam", "Smith", new DateOnly(1990, 1, 1), "male", null, null, null, null, null, null, null);
    private static readonly ReferrerDetails Referrer = new("Pat", "pat@police.uk", null);

    private static ReferralChange Submitted(DateOnly? meeting) => Referral.Submit(
        "r1", "p1", "IOM-261214-ABCD", ReferralType.Iom,
        new RoutingDecision("adult-iom", new Dictionary<string, string> { ["age"] = "36" }, PanelCode.Iom), meeting, Person,
        "Burglaries", ["burglary"], ["drugs"], RiskOfSeriousHarm.Medium, 0, false, null, 60, true, false, Referrer, "police",
        "u1", SubmittedAt, ["pnc:2012/0052494Q"]);

    // A referral in any status, as stored (the aggregate is a record: state is data, moves are methods).
    private static Referral In(ReferralStatus status) => Submitted(Meeting).Referral with { Status = status };
}
