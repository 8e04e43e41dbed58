using Iom.Domain.Cohort;
using Iom.Domain.Offending;
using Iom.Domain.Performance;
using Iom.Domain.Performance.Reoffending;

namespace Iom.Domain.Tests.Performance.Reoffending;

public sealed class ProvenReoffendingTests
{
    // Snapshot 1 April 2025: offences count from 1 April 2025 to 31 March 2026, outcomes up to 30 September 2026.
    private static readonly DateOnly Snapshot = new(2025, 4, 1);
    private static readonly DateOnly LongAfter = new(2030, 1, 1);

    private static CohortMember Member(string id, CohortCategory category = CohortCategory.Ppo, CohortType type = CohortType.Fixed) => new(id, category, type);

    private static ProvenOffence Offence(string id, string committed, string proven, OffenceOutcome outcome = OffenceOutcome.Conviction) =>
        new(id, DateOnly.Parse(committed, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(proven, System.Globalization.CultureInfo.InvariantCulture), outcome);

    private static decimal? Value(IReadOnlyList<MeasureTable> tables, string measure, string breakdown = "total", string key = "all") =>
        tables.Single(t => t.Measure == measure && t.Breakdown == breakdown).Cells.Single(c => c.Key == key).Value;

    private static decimal? Reoffenders(params ProvenOffence[] offences) =>
        Value(ProvenReoffending.Measure(Snapshot, [Member("a")], offences, LongAfter), "reoffending.reoffenders");

    [Fact]
    public void An_offence_on_the_last_day_of_the_follow_up_counts_and_one_the_day_after_does_not()
    {
        Reoffenders(Offence("a", "2026-03-31", "2026-04-10")).ShouldBe(1);
        Reoffenders(Offence("a", "2026-04-01", "2026-04-10")).ShouldBe(0);
    }

    [Fact]
    public void An_offence_on_the_snapshot_day_counts_and_one_before_it_does_not()
    {
        Reoffenders(Offence("a", "2025-04-01", "2025-05-01")).ShouldBe(1);
        Reoffenders(Offence("a", "2025-03-31", "2025-05-01")).ShouldBe(0);
    }

    [Fact]
    public void An_offence_proven_on_the_last_day_of_the_waiting_period_counts_and_one_proven_the_day_after_does_not()
    {
        Reoffenders(Offence("a", "2026-03-01", "2026-09-30")).ShouldBe(1);
        Reoffenders(Offence("a", "2026-03-01", "2026-10-01")).ShouldBe(0);
    }

    [Fact]
    public void A_caution_counts_as_a_conviction_does() =>
        Reoffenders(Offence("a", "2025-06-01", "2025-06-02", OffenceOutcome.Caution)).ShouldBe(1);

    [Fact]
    public void A_person_with_three_re_offences_counts_once_in_the_binary_rate_and_three_times_in_the_frequency()
    {
        var tables = ProvenReoffending.Measure(Snapshot, [Member("a"), Member("b")],
            [Offence("a", "2025-05-01", "2025-06-01"), Offence("a", "2025-07-01", "2025-08-01"), Offence("a", "2025-09-01", "2025-10-01")], LongAfter);

        Value(tables, "reoffending.cohort").ShouldBe(2);
        Value(tables, "reoffending.reoffenders").ShouldBe(1);
        Value(tables, "reoffending.reoffences").ShouldBe(3);
        Value(tables, "reoffending.binary-rate").ShouldBe(0.5m);
        Value(tables, "reoffending.frequency").ShouldBe(1.5m);
    }

    [Fact]
    public void Offences_of_people_outside_the_cohort_are_not_counted() =>
        Value(ProvenReoffending.Measure(Snapshot, [Member("a")], [Offence("z", "2025-05-01", "2025-06-01")], LongAfter), "reoffending.reoffences").ShouldBe(0);

    [Fact]
    public void An_empty_cohort_has_no_rate_rather_than_a_division_by_zero()
    {
        var tables = ProvenReoffending.Measure(Snapshot, [], [Offence("a", "2025-05-01", "2025-06-01")], LongAfter);

        Value(tables, "reoffending.cohort").ShouldBe(0);
        Value(tables, "reoffending.binary-rate").ShouldBeNull();
        Value(tables, "reoffending.frequency").ShouldBeNull();
    }

    [Fact]
    public void The_figures_are_provisional_until_the_waiting_period_has_passed_and_final_the_day_after()
    {
        var lastWaitingDay = ProvenReoffending.Measure(Snapshot, [Member("a")], [], new DateOnly(2026, 9, 30));
        var dayAfter = ProvenReoffending.Measure(Snapshot, [Member("a")], [], new DateOnly(2026, 10, 1));

        lastWaitingDay.SelectMany(t => t.Cells).ShouldAllBe(c => c.Provisional);
        dayAfter.SelectMany(t => t.Cells).ShouldAllBe(c => !c.Provisional);
    }

    [Fact]
    public void The_breakdowns_by_category_and_cohort_type_hold_every_value_and_add_up_to_the_total()
    {
        var tables = ProvenReoffending.Measure(Snapshot,
            [Member("a", CohortCategory.Ppo, CohortType.Fixed), Member("b", CohortCategory.Dyo, CohortType.Flex), Member("c", CohortCategory.Dyo, CohortType.Flex)],
            [Offence("b", "2025-05-01", "2025-06-01")], LongAfter);

        var byCategory = tables.Single(t => t is { Measure: "reoffending.cohort", Breakdown: "category" });
        byCategory.Cells.Select(c => c.Key).ShouldBe(["asb", "drug", "dyo", "non-statutory", "ppo"]);
        byCategory.Cells.Sum(c => c.Value).ShouldBe(3);
        Value(tables, "reoffending.binary-rate", "category", "dyo").ShouldBe(0.5m);
        Value(tables, "reoffending.binary-rate", "category", "asb").ShouldBeNull();
        Value(tables, "reoffending.reoffenders", "cohort-type", "flex").ShouldBe(1);
        Value(tables, "reoffending.cohort", "cohort-type", "free").ShouldBe(0);
    }

    [Fact]
    public void Tables_come_in_a_fixed_order_and_shares_are_rounded_so_the_same_inputs_give_the_same_values()
    {
        var tables = ProvenReoffending.Measure(Snapshot, [Member("a"), Member("b"), Member("c")], [Offence("a", "2025-05-01", "2025-06-01")], LongAfter);

        tables.Select(t => (t.Measure, t.Breakdown)).ShouldBe(tables.Select(t => (t.Measure, t.Breakdown)).OrderBy(t => t.Measure, StringComparer.Ordinal).ThenBy(t => t.Breakdown, StringComparer.Ordinal));
        Value(tables, "reoffending.binary-rate").ShouldBe(0.3333m);
    }

    [Fact]
    public void A_person_listed_twice_in_a_snapshot_is_refused() =>
        Should.Throw<ArgumentException>(() => ProvenReoffending.Measure(Snapshot, [Member("a"), Member("a")], [], LongAfter));

    [Fact]
    public void A_snapshot_on_the_last_day_of_February_ends_its_follow_up_the_day_before_the_anniversary()
    {
        var followUp = new FollowUp(new DateOnly(2024, 2, 29));

        followUp.LastOffenceDay.ShouldBe(new DateOnly(2025, 2, 27));
        followUp.LastOutcomeDay.ShouldBe(new DateOnly(2025, 8, 28));
    }
}
