using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Domain.Tests.Panels;

public sealed class PanelMembershipTests
{
    private static readonly DateOnly Today = new(2026, 12, 14);
    private static readonly DateTimeOffset Now = new(2026, 12, 14, 10, 0, 0, TimeSpan.Zero);
    private const string Coordinator = "coordinator-oid";

    private static PanelMember Member(string id, string organisation = "Richmond Police", PanelSeat seat = PanelSeat.Member) =>
        new(id, "Name " + id, organisation, "Post", id + "@police.uk", MemberAttendance.Permanent, seat, SeniorRepresentative: false);

    private static PanelMembership Iom() => PanelMembership.Seed(PanelCode.Iom, "Probation",
        [Member("chair", "Probation", PanelSeat.Chair), Member("vice", seat: PanelSeat.ViceChair), Member("ppo")], Coordinator, Now);

    private static DateOnly Day(int offset) => Today.AddDays(offset);

    /// <summary>Each move and the rule it breaks, by name; nothing is changed by a refused move.</summary>
    public static TheoryData<string, string> Refusals() => new()
    {
        { "add someone already on the panel", MembershipRefusedException.AlreadyAMember },
        { "add with a date before today", MembershipRefusedException.EffectiveDateInPast },
        { "change dated before a later change", MembershipRefusedException.BeforeLastChange },
        { "change a member who is not on the panel", MembershipRefusedException.NoSuchMember },
        { "remove a member who is not on the panel", MembershipRefusedException.NoSuchMember },
        { "remove a member already removed from a later day", MembershipRefusedException.NoSuchMember },
        { "add a chair from another organisation", MembershipRefusedException.ChairFromAnotherOrganisation },
        { "make a member of another organisation chair", MembershipRefusedException.ChairFromAnotherOrganisation },
        { "move the chair to another organisation", MembershipRefusedException.ChairFromAnotherOrganisation },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_move_that_breaks_a_rule_is_refused_with_the_rules_name(string move, string rule)
    {
        var panel = Iom();
        Action act = move switch
        {
            "add someone already on the panel" => () => panel.Add(Member("PPO"), Today, Today, Coordinator, Now),
            "add with a date before today" => () => panel.Add(Member("new"), Day(-1), Today, Coordinator, Now),
            "change dated before a later change" => () => panel.Add(Member("new"), Day(10), Today, Coordinator, Now).Membership
                .Change("ppo", Member("ppo") with { Post = "Sergeant" }, Day(5), Today, Coordinator, Now),
            "change a member who is not on the panel" => () => panel.Change("nobody", Member("nobody"), Today, Today, Coordinator, Now),
            "remove a member who is not on the panel" => () => panel.Remove("nobody", Today, Today, Coordinator, Now),
            "remove a member already removed from a later day" => () => panel.Remove("ppo", Day(3), Today, Coordinator, Now).Membership
                .Remove("ppo", Day(4), Today, Coordinator, Now),
            "add a chair from another organisation" => () => panel.Add(Member("new", "Housing", PanelSeat.Chair), Today, Today, Coordinator, Now),
            "make a member of another organisation chair" => () => panel.Change("ppo", Member("ppo", seat: PanelSeat.Chair), Today, Today, Coordinator, Now),
            "move the chair to another organisation" => () => panel.Change("chair", Member("chair", "Housing", PanelSeat.Chair), Today, Today, Coordinator, Now),
            _ => throw new ArgumentOutOfRangeException(nameof(move)),
        };

        Should.Throw<MembershipRefusedException>(act).Rule.ShouldBe(rule);
        panel.Revision.ShouldBe(0);
        panel.Versions.Count.ShouldBe(1);
        panel.Latest.Members.Count.ShouldBe(3);
    }

    public static TheoryData<string> SeedRefusals() => new() { "two chairs", "two vice-chairs", "one member twice", "a chair from another organisation" };

    [Theory]
    [MemberData(nameof(SeedRefusals))]
    public void A_seed_roster_that_breaks_a_rule_is_refused(string seed)
    {
        PanelMember[] members = seed switch
        {
            "two chairs" => [Member("a", "Probation", PanelSeat.Chair), Member("b", "Probation", PanelSeat.Chair)],
            "two vice-chairs" => [Member("a", seat: PanelSeat.ViceChair), Member("b", seat: PanelSeat.ViceChair)],
            "one member twice" => [Member("a"), Member("A")],
            _ => [Member("a", "Housing", PanelSeat.Chair)],
        };

        Should.Throw<MembershipRefusedException>(() => PanelMembership.Seed(PanelCode.Iom, "Probation", members, Coordinator, Now));
    }

    [Fact]
    public void Appointing_a_new_chair_makes_the_old_chair_a_member_from_the_same_day()
    {
        var move = Iom().Add(Member("new-chair", "probation ", PanelSeat.Chair), Day(7), Today, Coordinator, Now);

        var after = move.Membership.On(Day(7))!;
        after.Members.Where(m => m.Seat == PanelSeat.Chair).Select(m => m.MemberId).ShouldBe(["new-chair"]);
        after.Find("chair")!.Seat.ShouldBe(PanelSeat.Member);
        move.Membership.On(Day(6))!.Find("chair")!.Seat.ShouldBe(PanelSeat.Chair);
        move.Membership.On(Day(6))!.Find("new-chair").ShouldBeNull();
    }

    [Fact]
    public void Appointing_the_vice_chair_as_chair_leaves_the_vice_chair_seat_empty_and_a_new_vice_chair_hands_over_too()
    {
        var panel = Iom().Change("ppo", Member("ppo", seat: PanelSeat.ViceChair), Today, Today, Coordinator, Now).Membership;

        var roster = panel.On(Today)!;
        roster.Members.Count(m => m.Seat == PanelSeat.ViceChair).ShouldBe(1);
        roster.Find("ppo")!.Seat.ShouldBe(PanelSeat.ViceChair);
        roster.Find("vice")!.Seat.ShouldBe(PanelSeat.Member);
    }

    [Fact]
    public void Changing_the_chair_organisation_unseats_a_chair_from_the_old_one_and_then_admits_a_chair_from_the_new_one()
    {
        var moved = Iom().ChangeChairOrganisation("Richmond Police", Day(1), Today, Coordinator, Now).Membership;
        moved.On(Day(1))!.Members.ShouldNotContain(m => m.Seat == PanelSeat.Chair);
        moved.On(Day(1))!.ChairOrganisation.ShouldBe("Richmond Police");

        var chaired = moved.Change("ppo", Member("ppo", seat: PanelSeat.Chair), Day(1), Today, Coordinator, Now).Membership;
        chaired.On(Day(1))!.Find("ppo")!.Seat.ShouldBe(PanelSeat.Chair);
        chaired.On(Today)!.Find("chair")!.Seat.ShouldBe(PanelSeat.Chair);
        chaired.On(Today)!.ChairOrganisation.ShouldBe("Probation");
    }

    [Fact]
    public void Each_day_has_the_roster_that_was_in_force_on_it_and_changes_on_one_day_make_one_version()
    {
        var panel = Iom();
        var added = panel.Add(Member("housing", "Housing"), Day(2), Today, Coordinator, Now);
        var removed = added.Membership.Remove("ppo", Day(2), Today, Coordinator, Now);
        var later = removed.Membership.Remove("vice", Day(9), Today, Coordinator, Now);

        added.Closed.ShouldBe(panel.Latest);
        removed.Closed.ShouldBeNull("a second change on the same day rewrites that day's version");
        removed.Version.Changes.Select(c => c.Kind).ShouldBe([MembershipChangeKind.MemberAdded, MembershipChangeKind.MemberRemoved]);
        removed.Version.Changes.ShouldAllBe(c => c.ChangedBy == Coordinator && c.ChangedAt == Now);
        var membership = later.Membership;
        membership.Revision.ShouldBe(3);
        membership.On(Day(1))!.Members.Select(m => m.MemberId).ShouldBe(["chair", "vice", "ppo"]);
        membership.On(Day(2))!.Members.Select(m => m.MemberId).ShouldBe(["chair", "vice", "housing"]);
        membership.On(Day(9))!.Members.Select(m => m.MemberId).ShouldBe(["chair", "housing"]);
        membership.On(Day(400))!.Members.Count.ShouldBe(2);
    }

    [Fact]
    public void Versions_superseded_before_today_leave_the_aggregate_so_it_stays_small()
    {
        var panel = Iom();
        for (var i = 0; i < 30; i++)
        {
            var day = Today.AddDays(i);
            panel = panel.Add(Member("m" + i), day, day, Coordinator, Now).Membership;
        }

        panel.Versions.Count.ShouldBe(1);
        panel.On(Today.AddDays(29))!.Members.Count.ShouldBe(33);
        panel.On(Today).ShouldBeNull("days before the versions held are read from the dated versions");
    }

    [Fact]
    public void The_seeded_chair_organisations_follow_the_terms_of_reference()
    {
        ChairOrganisations.Default(PanelCode.Iom).ShouldBe("Probation");
        ChairOrganisations.Default(PanelCode.StrategicGroup).ShouldBe("Probation");
        ChairOrganisations.Default(PanelCode.Asb).ShouldBe("Police");
        ChairOrganisations.Default(PanelCode.Dyo).ShouldBe("Youth Offending Team");
    }
}
