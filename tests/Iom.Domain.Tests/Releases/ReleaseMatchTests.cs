using Iom.Domain.Releases;

namespace Iom.Domain.Tests.Releases;

/// <summary>The co-ordinator's decision on a release notification left unmatched: only a possible match, only once.</summary>
public sealed class ReleaseMatchTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 14, 9, 0, 0, TimeSpan.Zero);

    private static readonly ReleaseMatchDecision Decision = new("coordinator-oid", At, "corr-1");

    private static readonly ReleaseReport Report = new(
        ReleaseSource.Prison, "e-1", "SWI", "A1111AA", null, null, "Nora", "Numbers", new DateOnly(1994, 3, 2), ReleaseReason.Released,
        new DateOnly(2026, 12, 14), At, null, null);

    private static ReleaseMatch Possible(params string[] candidates) =>
        ReleaseMatch.Possible("m1", "release-m1", Report, At, candidates.Length > 1 ? ReleaseMatchGround.IdentifiersDisagree : ReleaseMatchGround.NameAndDateOfBirth, candidates);

    [Fact]
    public void Confirming_a_possible_match_with_one_candidate_confirms_that_person_and_takes_it_off_the_unmatched_list()
    {
        var confirmed = Possible("p1").Confirm(null, Decision);

        (confirmed.State, confirmed.ConfirmedPersonId, confirmed.Listed, confirmed.Decision).ShouldBe((ReleaseMatchState.Confirmed, "p1", false, Decision));
    }

    [Fact]
    public void Rejecting_a_possible_match_keeps_it_on_the_unmatched_list_with_nobody_confirmed()
    {
        var rejected = Possible("p1").Reject(Decision);

        (rejected.State, rejected.ConfirmedPersonId, rejected.Listed).ShouldBe((ReleaseMatchState.Rejected, null, true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_decided_match_refuses_a_second_decision_either_way(bool confirmedFirst)
    {
        var decided = confirmedFirst ? Possible("p1").Confirm("p1", Decision) : Possible("p1").Reject(Decision);

        Should.Throw<ReleaseMatchRefusedException>(() => decided.Confirm("p1", Decision)).Rule.ShouldBe(ReleaseMatchRefusedException.AlreadyDecided);
        Should.Throw<ReleaseMatchRefusedException>(() => decided.Reject(Decision)).Rule.ShouldBe(ReleaseMatchRefusedException.AlreadyDecided);
    }

    [Fact]
    public void An_unmatched_notification_has_nobody_to_confirm_or_reject()
    {
        var nobody = ReleaseMatch.Unmatched("m1", "release-m1", Report, At, null);
        var notWorkedWith = ReleaseMatch.Unmatched("m1", "release-m1", Report, At, "p1");

        (nobody.Ground, notWorkedWith.Ground, notWorkedWith.Candidates.Single()).ShouldBe((ReleaseMatchGround.NobodyKnown, ReleaseMatchGround.NotWorkedWith, "p1"));
        Should.Throw<ReleaseMatchRefusedException>(() => nobody.Confirm(null, Decision)).Rule.ShouldBe(ReleaseMatchRefusedException.NoCandidate);
        Should.Throw<ReleaseMatchRefusedException>(() => notWorkedWith.Confirm("p1", Decision)).Rule.ShouldBe(ReleaseMatchRefusedException.NoCandidate);
        Should.Throw<ReleaseMatchRefusedException>(() => nobody.Reject(Decision)).Rule.ShouldBe(ReleaseMatchRefusedException.NoCandidate);
    }

    [Fact]
    public void With_several_candidates_confirming_must_name_one_of_them()
    {
        var match = Possible("p1", "p2");

        Should.Throw<ReleaseMatchRefusedException>(() => match.Confirm(null, Decision)).Rule.ShouldBe(ReleaseMatchRefusedException.NotACandidate);
        Should.Throw<ReleaseMatchRefusedException>(() => match.Confirm("p3", Decision)).Rule.ShouldBe(ReleaseMatchRefusedException.NotACandidate);
        match.Confirm("p2", Decision).ConfirmedPersonId.ShouldBe("p2");
    }

    [Fact]
    public void A_possible_match_needs_a_candidate_and_a_ground_a_coordinator_decides()
    {
        Should.Throw<ArgumentException>(() => ReleaseMatch.Possible("m1", "release-m1", Report, At, ReleaseMatchGround.NameAndDateOfBirth, []));
        Should.Throw<ArgumentException>(() => ReleaseMatch.Possible("m1", "release-m1", Report, At, ReleaseMatchGround.NobodyKnown, ["p1"]));
    }
}
