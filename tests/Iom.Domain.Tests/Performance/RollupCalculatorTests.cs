using System.Text.Json;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Performance;
using Iom.Domain.Performance.Facts;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;

namespace Iom.Domain.Tests.Performance;

/// <summary>Hand-built facts with answers worked out by hand (November 2026 has no bank holidays; 2 November is a Monday).</summary>
public sealed class RollupCalculatorTests
{
    private static readonly WorkingDayCalendar Calendar = new();
    private static readonly DateOnly Today = D(2026, 11, 15);
    private static readonly RollupWatermark Watermark = new(new DateTimeOffset(2026, 11, 15, 2, 0, 0, TimeSpan.Zero), null);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static ReportingPeriod P(string name) => ReportingPeriod.TryParse(name, out var period) ? period : throw new ArgumentException(name);

    private static Rollup Compute(string period, PerformanceFacts facts, DateOnly? today = null) =>
        RollupCalculator.Compute(P(period), today ?? Today, facts, Watermark, Calendar);

    private static MeasureTable Table(Rollup rollup, string measure, string breakdown) =>
        rollup.Tables.Single(t => t.Measure == measure && t.Breakdown == breakdown);

    private static decimal? Cell(Rollup rollup, string measure, string breakdown, string key) =>
        Table(rollup, measure, breakdown).Cells.Single(c => c.Key == key).Value;

    private static decimal? Total(Rollup rollup, string measure) => Cell(rollup, measure, "total", "all");

    private static ReferralFact Referral(string id, DateOnly received, string agency = "police", DateOnly? meeting = null, params ReferralOutcome[] outcomes) =>
        new(id, agency, received, meeting, outcomes);

    private static PerformanceFacts Facts(params object[] facts)
    {
        var set = new PerformanceFacts();
        foreach (var fact in facts)
        {
            switch (fact)
            {
                case ReferralFact f: set.Put(f); break;
                case CohortFact f: set.Put(f); break;
                case CirculationFact f: set.Put(f); break;
                case ReleaseAlertFact f: set.Put(f); break;
                case ActionFact f: set.Put(f); break;
                default: throw new ArgumentException(fact.GetType().Name);
            }
        }

        return set;
    }

    [Fact]
    public void A_referral_on_31_March_counts_in_the_old_financial_year_and_one_on_1_April_in_the_new()
    {
        var facts = Facts(Referral("r-march", D(2026, 3, 31)), Referral("r-april", D(2026, 4, 1)));

        Total(Compute("FY2025-26", facts), "referrals.received").ShouldBe(1m);
        Total(Compute("FY2026-27", facts), "referrals.received").ShouldBe(1m);
        Total(Compute("2026-Q1", facts), "referrals.received").ShouldBe(1m);
        Total(Compute("2026-Q2", facts), "referrals.received").ShouldBe(1m);
        Total(Compute("2026-03", facts), "referrals.received").ShouldBe(1m);
        Total(Compute("2026-04", facts), "referrals.received").ShouldBe(1m);
        Compute("FY2025-26", facts).Final.ShouldBeTrue();
        Compute("FY2026-27", facts).Final.ShouldBeFalse();
    }

    [Fact]
    public void A_spell_starting_on_30_September_flows_in_in_the_third_quarter_and_one_on_1_October_in_the_fourth()
    {
        var facts = Facts(
            Person("p1", new CohortSpellFact(D(2026, 9, 30), null, CohortCategory.Ppo, CohortType.Fixed, [])),
            Person("p2", new CohortSpellFact(D(2026, 10, 1), null, CohortCategory.Dyo, CohortType.Flex, [])));

        var third = Compute("2026-Q3", facts);
        Total(third, "cohort.flow-in").ShouldBe(1m);
        Cell(third, "cohort.flow-in", "category", "ppo").ShouldBe(1m);
        Total(third, "cohort.size").ShouldBe(1m); // on 30 September
        var fourth = Compute("2026-Q4", facts);
        Total(fourth, "cohort.flow-in").ShouldBe(1m);
        Cell(fourth, "cohort.flow-in", "category", "dyo").ShouldBe(1m);
        Total(fourth, "cohort.size").ShouldBe(2m); // today, 15 November: the quarter is still running
        fourth.Final.ShouldBeFalse();
    }

    [Fact]
    public void A_month_to_date_counts_the_cohort_today_and_actions_overdue_by_today()
    {
        var facts = Facts(
            Person("left", new CohortSpellFact(D(2026, 1, 5), D(2026, 11, 10), CohortCategory.Ppo, CohortType.Fixed, [])),
            Person("stays", new CohortSpellFact(D(2026, 11, 14), null, CohortCategory.Asb, CohortType.Free, [])),
            new ActionFact("a-late-open", D(2026, 11, 12), null),
            new ActionFact("a-not-yet-due", D(2026, 11, 20), null),
            new ActionFact("a-on-time", D(2026, 11, 13), D(2026, 11, 13)),
            new ActionFact("a-done-late", D(2026, 11, 3), D(2026, 11, 5)),
            new ActionFact("a-october", D(2026, 10, 30), null));

        var month = Compute("2026-11", facts);

        month.Final.ShouldBeFalse();
        Total(month, "cohort.size").ShouldBe(1m);
        Cell(month, "cohort.size", "category", "asb").ShouldBe(1m);
        Total(month, "cohort.flow-in").ShouldBe(1m);
        Total(month, "cohort.flow-out").ShouldBe(1m);
        Total(month, "actions.due").ShouldBe(4m);
        Total(month, "actions.done-on-time").ShouldBe(1m);
        Total(month, "actions.overdue").ShouldBe(2m);
    }

    [Fact]
    public void A_finished_month_counts_an_action_due_on_its_last_day_and_still_open_as_overdue()
    {
        var facts = Facts(new ActionFact("a", D(2026, 10, 31), null));

        var october = Compute("2026-10", facts);

        october.Final.ShouldBeTrue();
        Total(october, "actions.overdue").ShouldBe(1m);
    }

    [Fact]
    public void Every_cohort_breakdown_adds_up_to_the_total_with_what_was_not_recorded_in_unknown()
    {
        var facts = Facts(
            Person("p1", new CohortSpellFact(D(2026, 2, 2), null, CohortCategory.Ppo, CohortType.Fixed, ["rehabilitate-and-resettle", "catch-and-control"]),
                new PersonProfile(D(1990, 11, 16), "male", "W1", "E05000001")),
            Person("p2", new CohortSpellFact(D(2026, 3, 2), null, CohortCategory.Ppo, CohortType.Flex, ["catch-and-control"]),
                new PersonProfile(D(2010, 1, 1), "female", null, null)),
            Person("p3", new CohortSpellFact(D(2026, 4, 2), null, CohortCategory.Drug, CohortType.Free, []), PersonProfile.Unknown));

        var month = Compute("2026-11", facts);

        Total(month, "cohort.size").ShouldBe(3m);
        foreach (var breakdown in RollupCalculator.CohortBreakdowns)
        {
            Table(month, "cohort.size", breakdown).Cells.Sum(c => c.Value).ShouldBe(3m, breakdown);
        }

        Cell(month, "cohort.size", "strand", "catch-and-control+rehabilitate-and-resettle").ShouldBe(1m);
        Cell(month, "cohort.size", "strand", "catch-and-control").ShouldBe(1m);
        Cell(month, "cohort.size", "strand", "unknown").ShouldBe(1m);
        Cell(month, "cohort.size", "ward", "E05000001").ShouldBe(1m);
        Cell(month, "cohort.size", "ward", "unknown").ShouldBe(2m);
        Cell(month, "cohort.size", "age-band", "35-44").ShouldBe(1m); // born 16 November 1990: still 35 on the 15th
        Cell(month, "cohort.size", "age-band", "under-18").ShouldBe(1m);
        Cell(month, "cohort.size", "age-band", "unknown").ShouldBe(1m);
        Cell(month, "cohort.size", "ethnicity", "unknown").ShouldBe(2m);
        Cell(month, "cohort.size", "category", "dyo").ShouldBe(0m);
    }

    [Fact]
    public void Referrals_are_counted_by_agency_and_each_outcome_in_the_period_it_happened()
    {
        var facts = Facts(
            Referral("r1", D(2026, 10, 20), "police", D(2026, 11, 10),
                new ReferralOutcome(ReferralStatus.Deferred, D(2026, 10, 27)), new ReferralOutcome(ReferralStatus.Selected, D(2026, 11, 10))),
            Referral("r2", D(2026, 11, 2), "probation", null, new ReferralOutcome(ReferralStatus.Withdrawn, D(2026, 11, 4))),
            Referral("r3", D(2026, 11, 3), "", D(2026, 11, 17), new ReferralOutcome(ReferralStatus.Declined, D(2026, 11, 17))));

        var november = Compute("2026-11", facts);
        Total(november, "referrals.received").ShouldBe(2m);
        Cell(november, "referrals.received", "agency", "probation").ShouldBe(1m);
        Cell(november, "referrals.received", "agency", "unknown").ShouldBe(1m);
        Total(november, "referrals.selected").ShouldBe(1m);
        Cell(november, "referrals.selected", "agency", "police").ShouldBe(1m);
        Total(november, "referrals.declined").ShouldBe(1m);
        Total(november, "referrals.withdrawn").ShouldBe(1m);
        Total(november, "referrals.deferred").ShouldBe(0m);
        Total(Compute("2026-10", facts), "referrals.deferred").ShouldBe(1m);
    }

    [Fact]
    public void Working_days_to_decision_give_the_median_and_90th_percentile_of_odd_and_even_counts()
    {
        var received = D(2026, 11, 2);
        ReferralFact Decided(string id, int workingDays) =>
            Referral(id, received, outcomes: new ReferralOutcome(ReferralStatus.Selected, Calendar.AddWorkingDays(received, workingDays)));

        var odd = Compute("2026-11", Facts(Decided("a", 3), Decided("b", 5), Decided("c", 10)), D(2026, 11, 30));
        Total(odd, "referrals.decided").ShouldBe(3m);
        Total(odd, "referrals.days-to-decision.median").ShouldBe(5m);
        Total(odd, "referrals.days-to-decision.p90").ShouldBe(10m);

        var even = Compute("2026-11", Facts(Decided("a", 3), Decided("b", 5), Decided("c", 10), Decided("d", 1)), D(2026, 11, 30));
        Total(even, "referrals.days-to-decision.median").ShouldBe(4m);
        Total(even, "referrals.days-to-decision.p90").ShouldBe(10m);

        Total(Compute("2026-11", Facts()), "referrals.days-to-decision.median").ShouldBeNull();
    }

    [Fact]
    public void A_referral_is_in_by_the_cutoff_when_it_came_ten_working_days_or_more_before_its_meeting()
    {
        var meeting = D(2026, 11, 30); // Monday; ten working days before is Monday 16 November
        var facts = Facts(
            Referral("in-time", D(2026, 11, 16), meeting: meeting),
            Referral("late", D(2026, 11, 17), meeting: meeting),
            Referral("awaiting", D(2026, 11, 18)));

        var november = Compute("2026-11", facts, D(2026, 11, 30));

        Total(november, "referrals.cutoff.measured").ShouldBe(2m);
        Total(november, "referrals.cutoff.met").ShouldBe(1m);
        Total(november, "referrals.cutoff.share").ShouldBe(0.5m);
    }

    [Fact]
    public void Agendas_and_minutes_are_on_time_when_they_went_by_their_due_date()
    {
        var facts = Facts(
            new CirculationFact("agenda-1", CirculationKind.Agenda, D(2026, 11, 6), D(2026, 11, 6)),
            new CirculationFact("agenda-2", CirculationKind.Agenda, D(2026, 11, 13), D(2026, 11, 12)),
            new CirculationFact("minutes-1", CirculationKind.Minutes, D(2026, 11, 13), D(2026, 11, 16)));

        var november = Compute("2026-11", facts);

        Cell(november, "circulations.due", "kind", "agenda").ShouldBe(2m);
        Cell(november, "circulations.on-time", "kind", "agenda").ShouldBe(2m);
        Cell(november, "circulations.on-time.share", "kind", "agenda").ShouldBe(1m);
        Cell(november, "circulations.on-time", "kind", "minutes").ShouldBe(0m);
        Cell(november, "circulations.on-time.share", "kind", "minutes").ShouldBe(0m);
    }

    [Fact]
    public void Release_alerts_give_hours_to_send_and_to_acknowledge()
    {
        var facts = Facts(
            new ReleaseAlertFact("alert-1", ReleaseAlertKind.Released, D(2026, 11, 3), 30, 120),
            new ReleaseAlertFact("alert-2", ReleaseAlertKind.ReleasedToHospital, D(2026, 11, 4), 90, null),
            new ReleaseAlertFact("alert-3", ReleaseAlertKind.Released, D(2026, 10, 31), 600, 600));

        var november = Compute("2026-11", facts);

        Total(november, "release-alerts.raised").ShouldBe(2m);
        Cell(november, "release-alerts.raised", "kind", "released").ShouldBe(1m);
        Cell(november, "release-alerts.raised", "kind", "transferred").ShouldBe(0m);
        Total(november, "release-alerts.time-to-send.median").ShouldBe(1m);
        Total(november, "release-alerts.time-to-send.p90").ShouldBe(1.5m);
        Total(november, "release-alerts.acknowledged").ShouldBe(1m);
        Total(november, "release-alerts.time-to-acknowledge.median").ShouldBe(2m);
    }

    [Fact]
    public void The_same_facts_put_in_another_order_give_the_same_bytes()
    {
        object[] facts =
        [
            Referral("r1", D(2026, 11, 2), "police", D(2026, 11, 30), new ReferralOutcome(ReferralStatus.Selected, D(2026, 11, 30))),
            Referral("r2", D(2026, 11, 3), "yot"),
            Person("p1", new CohortSpellFact(D(2026, 11, 4), null, CohortCategory.Ppo, CohortType.Fixed, ["catch-and-control"]), new PersonProfile(null, "male", null, "W2")),
            Person("p2", new CohortSpellFact(D(2026, 11, 5), null, CohortCategory.Dyo, CohortType.Fixed, []), new PersonProfile(null, "female", null, "W1")),
            new ActionFact("a1", D(2026, 11, 6), null),
            new ReleaseAlertFact("alert-1", ReleaseAlertKind.Released, D(2026, 11, 3), 30, 120),
            new ReleaseAlertFact("alert-2", ReleaseAlertKind.Released, D(2026, 11, 3), 60, 20),
        ];

        var forwards = JsonSerializer.SerializeToUtf8Bytes(Compute("2026-11", Facts(facts)));
        var backwards = JsonSerializer.SerializeToUtf8Bytes(Compute("2026-11", Facts([.. facts.Reverse()])));

        backwards.ShouldBe(forwards);
        var rollup = Compute("2026-11", Facts(facts));
        rollup.DefinitionsVersion.ShouldBe(RollupCalculator.DefinitionsVersion);
        rollup.Watermark.ShouldBe(Watermark);
        rollup.Tables.Select(t => (t.Measure, t.Breakdown)).ShouldBe(rollup.Tables.Select(t => (t.Measure, t.Breakdown)).OrderBy(t => t.Measure, StringComparer.Ordinal).ThenBy(t => t.Breakdown, StringComparer.Ordinal));
        Table(rollup, "cohort.size", "ward").Cells.Select(c => c.Key).ShouldBe(["W1", "W2", "unknown"]); // ordinal, as the contract orders cells
    }

    [Fact]
    public void A_period_that_has_not_started_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Compute("2026-12", Facts()));

    private static CohortFact Person(string id, CohortSpellFact spell, PersonProfile? profile = null) => new(id, [spell], profile ?? PersonProfile.Unknown);
}
