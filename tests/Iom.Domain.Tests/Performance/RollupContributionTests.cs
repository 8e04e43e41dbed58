using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Performance;
using Iom.Domain.Performance.Facts;
using Iom.Domain.Referrals;

namespace Iom.Domain.Tests.Performance;

/// <summary>
/// Contributions: what the incremental nightly run relies on. A fact's contribution moves with the day only on the
/// days it names, and an accumulator moved by old-out, new-in equals the sum over the changed facts.
/// </summary>
public sealed class RollupContributionTests
{
    private static readonly WorkingDayCalendar Calendar = new();

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static CohortFact Person(DateOnly? born, params CohortSpellFact[] spells) =>
        new("person-1", spells, new PersonProfile(born, "male", null, "E05000001"));

    private static CohortSpellFact Spell(DateOnly from, DateOnly? to) => new(from, to, CohortCategory.Ppo, CohortType.Fixed, []);

    public static TheoryData<string, DateOnly?, DateOnly, DateOnly?> People() => new()
    {
        { "turns 18 in the cohort", D(2008, 3, 30), D(2026, 2, 10), null },
        { "born on 29 February, turns 18 in a common year", D(2008, 2, 29), D(2026, 1, 5), null },
        { "turns 25 the day after leaving", D(2001, 4, 2), D(2026, 1, 5), D(2026, 4, 1) },
        { "no date of birth", null, D(2026, 3, 3), D(2026, 3, 31) },
        { "turns 55 before being selected", D(1971, 1, 29), D(2026, 3, 1), null },
    };

    [Theory]
    [MemberData(nameof(People))]
    public void An_unchanged_cohort_fact_contributes_differently_only_on_the_days_it_names(string who, DateOnly? born, DateOnly from, DateOnly? to)
    {
        var person = Person(born, Spell(D(2025, 6, 1), D(2025, 12, 20)), Spell(from, to));
        var start = D(2025, 12, 31);
        var named = RollupCalculator.ChangeDays(person, start).ToHashSet();
        var moves = 0;

        foreach (var period in new[] { ReportingPeriod.Month(2026, 3), ReportingPeriod.Month(2026, 4), ReportingPeriod.Quarter(2026, 1), ReportingPeriod.FinancialYear(2025), ReportingPeriod.FinancialYear(2026) })
        {
            for (var day = start.AddDays(1); day <= D(2026, 6, 30); day = day.AddDays(1))
            {
                var before = RollupCalculator.Contribution(period, day.AddDays(-1), person);
                var after = RollupCalculator.Contribution(period, day, person);
                if (!before.SameAs(after))
                {
                    named.ShouldContain(day, $"{who}: {period.Name} moves on {day:yyyy-MM-dd}");
                    moves++;
                }
            }
        }

        // The spell's start at least moves the cohort size: the check above had something to check.
        moves.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void An_open_action_contributes_differently_only_the_day_after_it_is_due()
    {
        var open = new ActionFact("action-1", D(2026, 3, 31), null);
        var done = new ActionFact("action-2", D(2026, 3, 31), D(2026, 4, 2));
        var month = ReportingPeriod.Month(2026, 3);

        RollupCalculator.ChangeDays(open, D(2026, 3, 1)).ShouldBe([D(2026, 4, 1)]);
        RollupCalculator.ChangeDays(done, D(2026, 3, 1)).ShouldBeEmpty();
        RollupCalculator.Contribution(month, D(2026, 3, 31), open).Counts.ShouldNotContainKey(new CellKey("actions.overdue", "total", "all"));
        RollupCalculator.Contribution(month, D(2026, 4, 1), open).Counts[new CellKey("actions.overdue", "total", "all")].ShouldBe(1);
        RollupCalculator.Contribution(month, D(2026, 3, 31), done).SameAs(RollupCalculator.Contribution(month, D(2026, 4, 9), done)).ShouldBeTrue();
    }

    [Fact]
    public void Taking_a_referral_out_and_its_new_version_in_gives_the_rollup_of_the_changed_facts()
    {
        var period = ReportingPeriod.Month(2026, 11);
        var today = D(2026, 11, 30);
        var watermark = new RollupWatermark(DateTimeOffset.UnixEpoch, null);
        var waiting = new ReferralFact("referral-2", "probation", D(2026, 11, 3), D(2026, 11, 24), []);
        var declined = waiting with { Outcomes = [new ReferralOutcome(ReferralStatus.Declined, D(2026, 11, 24))] };
        var facts = new PerformanceFacts();
        facts.Put(new ReferralFact("referral-1", "police", D(2026, 11, 2), D(2026, 11, 17), [new ReferralOutcome(ReferralStatus.Selected, D(2026, 11, 17))]));
        facts.Put(waiting);
        var accumulator = RollupCalculator.Accumulate(period, today, facts, Calendar);

        accumulator.Subtract(RollupCalculator.Contribution(period, waiting, Calendar));
        accumulator.Add(RollupCalculator.Contribution(period, declined, Calendar));
        facts.Put(declined);

        var moved = RollupCalculator.Derive(period, today, accumulator, watermark);
        var computed = RollupCalculator.Compute(period, today, facts, watermark, Calendar);
        System.Text.Json.JsonSerializer.Serialize(moved).ShouldBe(System.Text.Json.JsonSerializer.Serialize(computed));
    }

    [Fact]
    public void Taking_away_a_value_never_added_is_refused()
    {
        var accumulator = new RollupAccumulator();
        var alert = new ReleaseAlertFact("alert-1", Iom.Domain.Releases.ReleaseAlertKind.Released, D(2026, 11, 3), 30, null);

        Should.Throw<InvalidOperationException>(() => accumulator.Subtract(RollupCalculator.Contribution(ReportingPeriod.Month(2026, 11), alert)));
    }
}
