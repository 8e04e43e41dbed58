using Iom.Domain.Cohort;
using Iom.Domain.Offending;
using Iom.Domain.Performance;
using Iom.Domain.Performance.Reoffending;

namespace Iom.Domain.Tests.Performance.Reoffending;

public sealed class Ni30MeasureTests
{
    private static readonly DateOnly YearStart = new(2009, 4, 1);
    private static readonly Ni30Target Sunderland = new(2008, 154, 17m, 63);

    private static decimal? Value(IReadOnlyList<MeasureTable> tables, string measure) =>
        tables.Single(t => t.Measure == measure).Cells.Single().Value;

    [Fact]
    public void A_17_percent_reduction_on_a_baseline_of_154_allows_no_more_than_127_and_52_in_the_first_six_months()
    {
        Sunderland.Target.ShouldBe(127);
        Sunderland.InterimTarget.ShouldBe(52);
    }

    [Theory]
    [InlineData(100, 17, 83)]
    [InlineData(153, 17, 126)]
    [InlineData(100, 0, 100)]
    [InlineData(10, 12.5, 8)]
    public void The_target_is_the_baseline_less_the_reduction_rounded_down(int baseline, double percent, int target) =>
        new Ni30Target(2008, baseline, (decimal)percent).Target.ShouldBe(target);

    [Fact]
    public void Without_a_first_half_baseline_there_is_no_interim_target() =>
        new Ni30Target(2008, 154, 17m).InterimTarget.ShouldBeNull();

    [Fact]
    public void Only_the_proven_offences_of_PPOs_in_the_follow_up_year_count_and_the_first_six_months_make_the_interim()
    {
        CohortMember[] members = [new("ppo-1", CohortCategory.Ppo, CohortType.Fixed), new("ppo-2", CohortCategory.Ppo, CohortType.Flex), new("dyo-1", CohortCategory.Dyo, CohortType.Free)];
        ProvenOffence[] offences =
        [
            new("ppo-1", new(2009, 4, 1), new(2009, 5, 1), OffenceOutcome.Conviction), // interim
            new("ppo-1", new(2009, 9, 30), new(2009, 11, 1), OffenceOutcome.Caution), // interim, last day of it
            new("ppo-2", new(2009, 10, 1), new(2009, 11, 1), OffenceOutcome.Conviction), // second half
            new("ppo-2", new(2010, 3, 31), new(2010, 9, 30), OffenceOutcome.Conviction), // last day, proven on the last waiting day
            new("ppo-2", new(2009, 3, 31), new(2009, 5, 1), OffenceOutcome.Conviction), // before the year
            new("ppo-2", new(2010, 1, 1), new(2010, 10, 1), OffenceOutcome.Conviction), // proven too late
            new("dyo-1", new(2009, 6, 1), new(2009, 7, 1), OffenceOutcome.Conviction), // not a PPO
        ];

        var tables = Ni30Measure.Measure(YearStart, Sunderland, members, offences, new DateOnly(2011, 1, 1));

        Value(tables, "ni30.proven-offences").ShouldBe(4);
        Value(tables, "ni30.interim.proven-offences").ShouldBe(2);
        Value(tables, "ni30.target").ShouldBe(127);
        Value(tables, "ni30.interim.target").ShouldBe(52);
        Value(tables, "ni30.baseline").ShouldBe(154);
        Value(tables, "ni30.reduction").ShouldBe(Math.Round(150m / 154m, 4));
        tables.SelectMany(t => t.Cells).ShouldAllBe(c => !c.Provisional);
    }

    [Fact]
    public void The_counts_are_provisional_during_the_waiting_period_and_the_configured_figures_never_are()
    {
        var tables = Ni30Measure.Measure(YearStart, Sunderland, [], [], new DateOnly(2010, 9, 30));

        tables.Single(t => t.Measure == "ni30.proven-offences").Cells.Single().Provisional.ShouldBeTrue();
        tables.Single(t => t.Measure == "ni30.target").Cells.Single().Provisional.ShouldBeFalse();
    }
}
