using Iom.Domain.Referrals;
using static Iom.Domain.Referrals.ReferralStatus;

namespace Iom.Domain.Tests.Referrals;

public sealed class ReferralStatusRulesTests
{
    // The whole table, written out independently of the implementation.
    private static readonly HashSet<(ReferralStatus From, ReferralStatus To)> Expected =
    [
        (AwaitingMeeting, Listed), (AwaitingMeeting, Withdrawn),
        (Listed, Selected), (Listed, Declined), (Listed, Deferred), (Listed, Withdrawn), (Listed, AwaitingMeeting),
        (Deferred, Listed), (Deferred, AwaitingMeeting), (Deferred, Withdrawn),
    ];

    [Fact]
    public void Exactly_the_moves_in_the_table_are_allowed_for_every_pair_of_statuses()
    {
        foreach (var from in Enum.GetValues<ReferralStatus>())
        {
            foreach (var to in Enum.GetValues<ReferralStatus>())
            {
                ReferralStatusRules.CanMove(from, to).ShouldBe(Expected.Contains((from, to)), $"{from} -> {to}");
            }

            ReferralStatusRules.AllowedFrom(from).ShouldBe(Expected.Where(m => m.From == from).Select(m => m.To), ignoreOrder: true);
        }
    }

    [Fact]
    public void Selected_declined_and_withdrawn_are_final_and_the_others_are_open()
    {
        ReferralStatusRules.AllowedFrom(Selected).ShouldBeEmpty();
        ReferralStatusRules.AllowedFrom(Declined).ShouldBeEmpty();
        ReferralStatusRules.AllowedFrom(Withdrawn).ShouldBeEmpty();
        Enum.GetValues<ReferralStatus>().Where(ReferralStatusRules.IsOpen).ShouldBe([Listed, AwaitingMeeting, Deferred]);
    }

    [Fact]
    public void A_referral_awaiting_a_meeting_cannot_be_decided_before_it_is_listed()
    {
        ReferralStatusRules.CanMove(AwaitingMeeting, Selected).ShouldBeFalse();
        ReferralStatusRules.CanMove(AwaitingMeeting, Declined).ShouldBeFalse();
        ReferralStatusRules.CanMove(Deferred, Selected).ShouldBeFalse();
    }

    [Fact]
    public void Staying_in_the_same_status_is_not_a_move()
    {
        Enum.GetValues<ReferralStatus>().ShouldAllBe(s => !ReferralStatusRules.CanMove(s, s));
    }

    [Fact]
    public void An_undefined_status_is_refused_rather_than_treated_as_final()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ReferralStatusRules.AllowedFrom((ReferralStatus)99));
    }
}
