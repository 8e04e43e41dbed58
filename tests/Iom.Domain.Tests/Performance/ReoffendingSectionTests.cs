using System.Text.Json;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Offending;
using Iom.Domain.Referrals;
using Iom.Domain.Performance;
using Iom.Domain.Performance.Facts;
using Iom.Domain.Performance.Reoffending;

namespace Iom.Domain.Tests.Performance;

/// <summary>
/// The re-offending tables of a rollup from hand-built people with known answers. A period follows the cohort on its
/// first day; April 2025's waiting period ends on 30 September 2026.
/// </summary>
public sealed class ReoffendingSectionTests
{
    private static readonly WorkingDayCalendar Calendar = new();
    private static readonly RollupWatermark Watermark = new(DateTimeOffset.UnixEpoch, null);
    private static readonly Ni30Target Sunderland = new(2008, 154, 17m, 63);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static ReportingPeriod P(string name) => ReportingPeriod.TryParse(name, out var period) ? period : throw new ArgumentException(name);

    private static ProvenOffence Offence(string person, DateOnly committed, DateOnly proven) => new(person, committed, proven, OffenceOutcome.Conviction);

    private static OffenderFact Person(string id, CohortCategory category, DateOnly from, DateOnly? to, params ProvenOffence[] offences) =>
        new(id, [new CohortSpell(id, category, CohortType.Fixed, from, to)], offences);

    private static Rollup Compute(string period, DateOnly today, IEnumerable<OffenderFact> people, Ni30Target? ni30 = null)
    {
        var facts = new PerformanceFacts();
        foreach (var person in people)
        {
            facts.Put(person);
        }

        return RollupCalculator.Compute(P(period), today, facts, Watermark, Calendar, ni30);
    }

    private static MeasureCell Cell(Rollup rollup, string measure, string breakdown = "total", string key = "all") =>
        rollup.Tables.Single(t => t.Measure == measure && t.Breakdown == breakdown).Cells.Single(c => c.Key == key);

    private static decimal? Value(Rollup rollup, string measure, string breakdown = "total", string key = "all") => Cell(rollup, measure, breakdown, key).Value;

    // In the cohort on 1 April 2025: ppo-1 (two re-offences in the window, one before it) and dyo-1 (none).
    // late-1 joined on 2 April and re-offended: outside the cohort taken on 1 April.
    private static OffenderFact[] April2025 { get; } =
    [
        Person("ppo-1", CohortCategory.Ppo, D(2025, 1, 1), null,
            Offence("ppo-1", D(2025, 3, 31), D(2025, 4, 20)), // before the snapshot
            Offence("ppo-1", D(2025, 6, 1), D(2025, 7, 1)),
            Offence("ppo-1", D(2026, 3, 31), D(2026, 9, 30))), // last day of the year, proven on the last waiting day
        Person("dyo-1", CohortCategory.Dyo, D(2025, 3, 1), D(2025, 4, 1)),
        Person("late-1", CohortCategory.Ppo, D(2025, 4, 2), null, Offence("late-1", D(2025, 5, 1), D(2025, 6, 1))),
    ];

    [Fact]
    public void A_month_follows_the_cohort_on_its_first_day_for_a_year_with_a_six_month_wait()
    {
        var rollup = Compute("2025-04", D(2026, 10, 1), April2025);

        Value(rollup, "reoffending.cohort").ShouldBe(2);
        Value(rollup, "reoffending.reoffenders").ShouldBe(1);
        Value(rollup, "reoffending.reoffences").ShouldBe(2);
        Value(rollup, "reoffending.binary-rate").ShouldBe(0.5m);
        Value(rollup, "reoffending.frequency").ShouldBe(1m);
        Value(rollup, "reoffending.cohort", "category", "ppo").ShouldBe(1);
        Value(rollup, "reoffending.reoffences", "category", "ppo").ShouldBe(2);
        Value(rollup, "reoffending.cohort", "category", "dyo").ShouldBe(1);
        Value(rollup, "reoffending.binary-rate", "category", "dyo").ShouldBe(0m);
        Value(rollup, "reoffending.binary-rate", "category", "asb").ShouldBeNull();
        Value(rollup, "reoffending.cohort", "cohort-type", "fixed").ShouldBe(2);
    }

    [Fact]
    public void A_person_who_joined_after_the_snapshot_is_not_counted()
    {
        var without = Compute("2025-04", D(2026, 10, 1), April2025.Where(p => p.PersonId != "late-1"));
        var with = Compute("2025-04", D(2026, 10, 1), April2025);

        RollupJson(with).ShouldBe(RollupJson(without));
        // The next month's cohort, taken on 1 May, has them.
        Value(Compute("2025-05", D(2026, 10, 1), April2025), "reoffending.cohort", "category", "ppo").ShouldBe(2);
    }

    [Fact]
    public void An_offence_before_the_snapshot_is_not_counted()
    {
        var before = new[] { Person("p", CohortCategory.Ppo, D(2025, 1, 1), null, Offence("p", D(2025, 3, 31), D(2025, 4, 20))) };

        var rollup = Compute("2025-04", D(2026, 10, 1), before);

        Value(rollup, "reoffending.cohort").ShouldBe(1);
        Value(rollup, "reoffending.reoffenders").ShouldBe(0);
        Value(rollup, "reoffending.reoffences").ShouldBe(0);
    }

    [Fact]
    public void The_figures_are_provisional_on_the_last_day_of_the_waiting_period_and_final_the_day_after()
    {
        var lastWaitingDay = Compute("2025-04", D(2026, 9, 30), April2025);
        var dayAfter = Compute("2025-04", D(2026, 10, 1), April2025);

        var reoffending = (Rollup r) => r.Tables.Where(t => t.Measure.StartsWith("reoffending.", StringComparison.Ordinal)).SelectMany(t => t.Cells).ToList();
        reoffending(lastWaitingDay).ShouldNotBeEmpty();
        reoffending(lastWaitingDay).ShouldAllBe(c => c.Provisional);
        reoffending(dayAfter).ShouldAllBe(c => !c.Provisional);
        // The figures themselves are the same: everything proven by 30 September 2026 was already in.
        Value(lastWaitingDay, "reoffending.reoffences").ShouldBe(2);
        // Other measures are never provisional.
        lastWaitingDay.Tables.Where(t => !t.Measure.StartsWith("reoffending.", StringComparison.Ordinal)).SelectMany(t => t.Cells).ShouldAllBe(c => !c.Provisional);
    }

    [Fact]
    public void The_section_gives_what_the_whole_cohort_calculator_gives_for_the_same_snapshot()
    {
        var members = new[] { new CohortMember("ppo-1", CohortCategory.Ppo, CohortType.Fixed), new CohortMember("dyo-1", CohortCategory.Dyo, CohortType.Fixed) };
        var expected = ProvenReoffending.Measure(D(2025, 4, 1), members, April2025.SelectMany(p => p.Offences).ToList(), D(2026, 9, 30));

        var rollup = Compute("2025-Q2", D(2026, 9, 30), April2025);

        Json(rollup.Tables.Where(t => t.Measure.StartsWith("reoffending.", StringComparison.Ordinal))).ShouldBe(Json(expected));
    }

    // FY2009-10 follows the PPOs in the cohort on 1 April 2009 (Sunderland: 17% on 154, so no more than 127; 52 of 63 in
    // the first six months).
    private static OffenderFact[] Ppos2009 { get; } =
    [
        Person("ppo-a", CohortCategory.Ppo, D(2009, 4, 1), null, // joined on 1 April: in the new year's cohort
            Offence("ppo-a", D(2009, 4, 1), D(2009, 5, 1)), // interim
            Offence("ppo-a", D(2009, 9, 30), D(2009, 11, 1)), // interim, its last day
            Offence("ppo-a", D(2009, 10, 1), D(2009, 11, 1)), // second half
            Offence("ppo-a", D(2010, 3, 31), D(2010, 9, 30)), // last day, proven on the last waiting day
            Offence("ppo-a", D(2010, 1, 1), D(2010, 10, 1))), // proven too late
        Person("ppo-b", CohortCategory.Ppo, D(2008, 4, 1), D(2009, 3, 31), // left on 31 March: the old year's cohort only
            Offence("ppo-b", D(2009, 3, 31), D(2009, 4, 2)),
            Offence("ppo-b", D(2009, 6, 1), D(2009, 7, 1))),
        Person("non-ppo", CohortCategory.NonStatutory, D(2009, 1, 1), null, Offence("non-ppo", D(2009, 6, 1), D(2009, 7, 1))),
    ];

    [Fact]
    public void NI_30_counts_the_PPOs_in_the_cohort_on_1_April_against_the_target()
    {
        var rollup = Compute("FY2009-10", D(2010, 10, 1), Ppos2009, Sunderland);

        Value(rollup, "ni30.proven-offences").ShouldBe(4);
        Value(rollup, "ni30.interim.proven-offences").ShouldBe(2);
        Value(rollup, "ni30.baseline").ShouldBe(154);
        Value(rollup, "ni30.target").ShouldBe(127);
        Value(rollup, "ni30.interim.target").ShouldBe(52);
        Value(rollup, "ni30.reduction").ShouldBe(Math.Round(150m / 154m, 4));
    }

    [Fact]
    public void A_PPO_who_left_on_31_March_counts_in_the_old_financial_year_and_one_who_joined_on_1_April_in_the_new()
    {
        var old = Compute("FY2008-09", D(2010, 10, 1), Ppos2009, Sunderland);
        var @new = Compute("FY2009-10", D(2010, 10, 1), Ppos2009, Sunderland);

        // ppo-b's follow-up from 1 April 2008 takes the offence of 31 March 2009 (and not the June one, after its year).
        Value(old, "ni30.proven-offences").ShouldBe(1);
        Value(old, "reoffending.cohort", "category", "ppo").ShouldBe(1);
        Value(@new, "ni30.proven-offences").ShouldBe(4);
        Value(@new, "reoffending.cohort", "category", "ppo").ShouldBe(1);
    }

    [Fact]
    public void NI_30_counts_are_provisional_until_the_waiting_period_has_passed_and_the_configured_figures_never_are()
    {
        var waiting = Compute("FY2009-10", D(2010, 9, 30), Ppos2009, Sunderland);
        var final = Compute("FY2009-10", D(2010, 10, 1), Ppos2009, Sunderland);

        Cell(waiting, "ni30.proven-offences").Provisional.ShouldBeTrue();
        Cell(waiting, "ni30.interim.proven-offences").Provisional.ShouldBeTrue();
        Cell(waiting, "ni30.reduction").Provisional.ShouldBeTrue();
        Cell(waiting, "ni30.target").Provisional.ShouldBeFalse();
        Cell(waiting, "ni30.interim.target").Provisional.ShouldBeFalse();
        Cell(waiting, "ni30.baseline").Provisional.ShouldBeFalse();
        final.Tables.Where(t => t.Measure.StartsWith("ni30.", StringComparison.Ordinal)).SelectMany(t => t.Cells).ShouldAllBe(c => !c.Provisional);
    }

    [Fact]
    public void The_section_gives_what_the_NI_30_calculator_gives_for_the_same_year()
    {
        var members = new[] { new CohortMember("ppo-a", CohortCategory.Ppo, CohortType.Fixed), new CohortMember("non-ppo", CohortCategory.NonStatutory, CohortType.Fixed) };
        var expected = Ni30Measure.Measure(D(2009, 4, 1), Sunderland, members, Ppos2009.SelectMany(p => p.Offences), D(2010, 6, 1));

        var rollup = Compute("FY2009-10", D(2010, 6, 1), Ppos2009, Sunderland);

        Json(rollup.Tables.Where(t => t.Measure.StartsWith("ni30.", StringComparison.Ordinal))).ShouldBe(Json(expected));
    }

    [Fact]
    public void Only_financial_years_carry_NI_30_and_only_when_a_target_is_configured()
    {
        Compute("2009-04", D(2010, 10, 1), Ppos2009, Sunderland).Tables.ShouldNotContain(t => t.Measure.StartsWith("ni30.", StringComparison.Ordinal));
        Compute("2009-Q2", D(2010, 10, 1), Ppos2009, Sunderland).Tables.ShouldNotContain(t => t.Measure.StartsWith("ni30.", StringComparison.Ordinal));
        Compute("FY2009-10", D(2010, 10, 1), Ppos2009).Tables.ShouldNotContain(t => t.Measure.StartsWith("ni30.", StringComparison.Ordinal));
    }

    // DYO January–March snapshots: 2025's is followed from 1 April 2025 (final from 1 October 2026), 2026's from
    // 1 April 2026 (provisional until 30 September 2027).
    private static OffenderFact[] Dyo { get; } =
    [
        Person("dyo-2025", CohortCategory.Dyo, D(2025, 2, 1), D(2025, 6, 30), Offence("dyo-2025", D(2025, 5, 1), D(2025, 6, 1))),
        Person("dyo-both", CohortCategory.Dyo, D(2025, 3, 31), null,
            Offence("dyo-both", D(2026, 3, 30), D(2026, 4, 10)), // in 2025's year; before 2026's snapshot
            Offence("dyo-both", D(2026, 4, 1), D(2026, 4, 20)),
            Offence("dyo-both", D(2026, 5, 1), D(2026, 5, 20))),
        Person("dyo-april", CohortCategory.Dyo, D(2026, 4, 1), null, Offence("dyo-april", D(2026, 5, 1), D(2026, 6, 1))), // after the window
        Person("ppo-march", CohortCategory.Ppo, D(2026, 3, 1), null, Offence("ppo-march", D(2026, 5, 1), D(2026, 6, 1))), // not DYO
    ];

    [Fact]
    public void A_financial_year_compares_its_DYO_January_to_March_snapshot_with_the_year_before()
    {
        var rollup = Compute("FY2026-27", D(2026, 11, 15), Dyo);

        Value(rollup, "dyo.reoffending.cohort", "snapshot-year", "2025").ShouldBe(2);
        Value(rollup, "dyo.reoffending.reoffenders", "snapshot-year", "2025").ShouldBe(2);
        Value(rollup, "dyo.reoffending.reoffences", "snapshot-year", "2025").ShouldBe(2);
        Value(rollup, "dyo.reoffending.binary-rate", "snapshot-year", "2025").ShouldBe(1m);
        Value(rollup, "dyo.reoffending.cohort", "snapshot-year", "2026").ShouldBe(1);
        Value(rollup, "dyo.reoffending.reoffences", "snapshot-year", "2026").ShouldBe(2);
        Value(rollup, "dyo.reoffending.frequency", "snapshot-year", "2026").ShouldBe(2m);
        Cell(rollup, "dyo.reoffending.cohort", "snapshot-year", "2025").Provisional.ShouldBeFalse();
        Cell(rollup, "dyo.reoffending.cohort", "snapshot-year", "2026").Provisional.ShouldBeTrue();
        rollup.Tables.Single(t => t.Measure == "dyo.reoffending.cohort").Cells.Select(c => c.Key).ShouldBe(["2025", "2026"]);
    }

    [Fact]
    public void The_section_gives_what_the_DYO_comparison_gives_for_the_same_years()
    {
        var expected = DyoSnapshot.Compare([2025, 2026], [.. Dyo.SelectMany(p => p.Spells)], [.. Dyo.SelectMany(p => p.Offences)], D(2026, 11, 15));

        var rollup = Compute("FY2026-27", D(2026, 11, 15), Dyo);

        Json(rollup.Tables.Where(t => t.Measure.StartsWith("dyo.", StringComparison.Ordinal))).ShouldBe(Json(expected));
    }

    [Fact]
    public void Months_and_quarters_carry_no_DYO_comparison()
    {
        Compute("2026-04", D(2026, 11, 15), Dyo).Tables.ShouldNotContain(t => t.Measure.StartsWith("dyo.", StringComparison.Ordinal));
        Compute("2026-Q2", D(2026, 11, 15), Dyo).Tables.ShouldNotContain(t => t.Measure.StartsWith("dyo.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_people_in_any_order_give_the_same_bytes()
    {
        var everyone = April2025.Concat(Ppos2009).Concat(Dyo).ToList();

        var forwards = RollupJson(Compute("FY2025-26", D(2026, 11, 15), everyone, Sunderland));
        var backwards = RollupJson(Compute("FY2025-26", D(2026, 11, 15), Enumerable.Reverse(everyone), Sunderland));

        backwards.ShouldBe(forwards);
        RollupJson(Compute("FY2025-26", D(2026, 11, 15), everyone, Sunderland)).ShouldBe(forwards);
    }

    [Fact]
    public void Taking_a_persons_contribution_out_and_putting_their_new_one_in_gives_the_full_fold()
    {
        var period = P("FY2026-27");
        var today = D(2026, 11, 15);
        var before = Dyo[1];
        var after = before with { Offences = [.. before.Offences.Take(1)] };
        var counts = new ReoffendingSection.Counts();
        foreach (var person in Dyo)
        {
            counts.Add(ReoffendingSection.ContributionOf(person, period));
        }

        counts.Remove(ReoffendingSection.ContributionOf(before, period));
        counts.Add(ReoffendingSection.ContributionOf(after, period));

        var updated = Json(ReoffendingSection.Derive(period, today, counts, Sunderland));
        var full = Json(ReoffendingSection.Compute(period, today, Dyo.Select(p => p.PersonId == after.PersonId ? after : p), Sunderland));
        updated.ShouldBe(full);
        Value(Compute("FY2026-27", today, Dyo.Select(p => p.PersonId == after.PersonId ? after : p)), "dyo.reoffending.reoffences", "snapshot-year", "2026").ShouldBe(0);
    }

    [Fact]
    public void A_person_outside_every_cohort_the_period_follows_contributes_nothing() =>
        ReoffendingSection.ContributionOf(Dyo[2], P("2025-04")).ShouldBeEmpty();

    [Fact]
    public void A_person_never_selected_has_no_offender_fact_and_offences_are_kept_in_date_order_whatever_the_reading_order()
    {
        var lead = new LeadProfessional("Alex", "probation", "alex@justice.gov.uk", null);
        var spell = new CohortPeriod(D(2025, 1, 1), null, PanelCode.Iom, CohortCategory.Ppo, CohortType.Flex, [], lead, "iom-2025-01-01");
        var late = Offence("p1", D(2025, 6, 1), D(2025, 7, 1));
        var early = Offence("p1", D(2025, 2, 1), D(2025, 3, 1));
        var someoneElse = Offence("p2", D(2025, 2, 1), D(2025, 3, 1));

        OffenderFact.Of(CohortMembership.Empty("p1"), [late]).ShouldBeNull();
        var fact = OffenderFact.Of(new CohortMembership("p1", [spell]), [late, someoneElse, early])!;

        fact.Offences.ShouldBe([early, late]);
        fact.Spells.ShouldBe([new CohortSpell("p1", CohortCategory.Ppo, CohortType.Flex, D(2025, 1, 1), null)]);
        OffenderFact.Of(new CohortMembership("p1", [spell]), [early, late])!.Offences.ShouldBe(fact.Offences);
    }

    [Fact]
    public void Rollups_follow_definitions_version_2() =>
        Compute("2025-04", D(2026, 10, 1), April2025).DefinitionsVersion.ShouldBe("3");

    private static string Json(IEnumerable<MeasureTable> tables) => JsonSerializer.Serialize(tables.ToList());

    private static string RollupJson(Rollup rollup) => JsonSerializer.Serialize(rollup);
}
