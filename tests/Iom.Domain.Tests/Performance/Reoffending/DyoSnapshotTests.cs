using Iom.Domain.Cohort;
using Iom.Domain.Offending;
using Iom.Domain.Performance;
using Iom.Domain.Performance.Reoffending;

namespace Iom.Domain.Tests.Performance.Reoffending;

public sealed class DyoSnapshotTests
{
    private static CohortSpell Dyo(string id, DateOnly from, DateOnly? to = null) => new(id, CohortCategory.Dyo, CohortType.Flex, from, to);

    [Fact]
    public void The_cohort_of_a_year_is_everyone_in_it_as_DYO_at_any_time_from_January_to_March()
    {
        CohortSpell[] spells =
        [
            Dyo("ended-new-year", new(2025, 6, 1), new(2026, 1, 1)), // in on 1 January
            Dyo("joined-end-march", new(2026, 3, 31)),
            Dyo("joined-april", new(2026, 4, 1)),
            Dyo("left-december", new(2025, 1, 1), new(2025, 12, 31)),
            new("ppo", CohortCategory.Ppo, CohortType.Fixed, new(2026, 2, 1), null),
            Dyo("twice", new(2026, 1, 5), new(2026, 1, 10)),
            Dyo("twice", new(2026, 2, 5), null),
        ];

        DyoSnapshot.CohortOf(2026, spells).Select(m => m.PersonId).ShouldBe(["ended-new-year", "joined-end-march", "twice"]);
    }

    [Fact]
    public void Years_are_compared_side_by_side_each_followed_from_the_first_of_April_and_provisional_on_its_own()
    {
        CohortSpell[] spells = [Dyo("a", new(2024, 1, 1), new(2024, 12, 31)), Dyo("b", new(2024, 2, 1)), Dyo("c", new(2025, 1, 1), new(2025, 2, 1))];
        ProvenOffence[] offences =
        [
            new("a", new(2024, 4, 1), new(2024, 5, 1), OffenceOutcome.Caution), // 2024 follow-up, first day
            new("b", new(2024, 3, 31), new(2024, 5, 1), OffenceOutcome.Conviction), // before the 2024 follow-up
            new("b", new(2025, 4, 1), new(2025, 6, 1), OffenceOutcome.Conviction), // 2025 follow-up (b is in both cohorts)
            new("b", new(2025, 5, 1), new(2025, 6, 1), OffenceOutcome.Conviction),
        ];

        var tables = DyoSnapshot.Compare([2025, 2024], spells, offences, today: new DateOnly(2026, 6, 1));

        MeasureTable Table(string measure) => tables.Single(t => t.Measure == measure);
        tables.ShouldAllBe(t => t.Breakdown == "snapshot-year");
        Table("dyo.reoffending.cohort").Cells.Select(c => (c.Key, c.Value)).ShouldBe([("2024", 2m), ("2025", 2m)]);
        Table("dyo.reoffending.binary-rate").Cells.Select(c => c.Value).ShouldBe([0.5m, 0.5m]);
        Table("dyo.reoffending.frequency").Cells.Select(c => c.Value).ShouldBe([0.5m, 1m]);
        // 2024's waiting period ended on 30 September 2025; 2025's runs to 30 September 2026.
        Table("dyo.reoffending.reoffences").Cells.Select(c => c.Provisional).ShouldBe([false, true]);
    }
}
