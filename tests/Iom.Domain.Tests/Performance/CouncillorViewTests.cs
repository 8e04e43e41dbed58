using Iom.Domain.Performance;

namespace Iom.Domain.Tests.Performance;

public sealed class CouncillorViewTests
{
    // Richmond upon Thames wards (ONS codes).
    private const string Barnes = "E05013765";
    private const string Hampton = "E05013771";
    private const string Twickenham = "E05013782";
    private const string Teddington = "E05013780";
    private const string Kew = "E05013774";

    private static readonly ReportingPeriod January = ReportingPeriod.Month(2026, 1);
    private static readonly ReportingPeriod February = ReportingPeriod.Month(2026, 2);
    private static readonly ReportingPeriod March = ReportingPeriod.Month(2026, 3);

    [Fact]
    public void A_councillor_sees_only_ward_counts_and_their_totals_never_other_breakdowns_shares_or_the_cohort_flows()
    {
        var view = CouncillorView.Of(January, Month(January,
            ("cohort.size", W((Barnes, 12), (Hampton, 9))), ("cohort.in", W((Barnes, 6), (Hampton, 7))), ("cohort.out", W((Barnes, 5), (Hampton, 5))),
            ("referrals.received", W((Barnes, 8), (Hampton, 11)))))!;

        view.Tables.Select(t => $"{t.Measure}/{t.Breakdown}").ShouldBe(
            ["cohort.size/total", "cohort.size/ward", "referrals.received/total", "referrals.received/ward"]);
        view.Tables.ShouldAllBe(t => t.Unit == MeasureUnit.Count);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void A_count_from_one_to_four_is_withheld_and_a_true_zero_or_five_is_shown(int count, bool withheld)
    {
        var view = CouncillorView.Of(January, Month(January, ("referrals.received", W((Barnes, count), (Hampton, 30), (Kew, 40), (Twickenham, 50)))))!;

        var barnes = Ward(view, "referrals.received", Barnes);
        barnes.Suppressed.ShouldBe(withheld);
        barnes.Value.ShouldBe(withheld ? null : count);
    }

    [Fact]
    public void Every_withheld_cell_reads_the_same_without_its_value_whether_it_was_small_or_withheld_to_protect_another()
    {
        var view = CouncillorView.Of(January, Month(January, ("referrals.received", W((Barnes, 3), (Hampton, 30), (Kew, 40)))))!;

        Ward(view, "referrals.received", Barnes).ShouldBe(new MeasureCell(Barnes, null, Suppressed: true));
        Ward(view, "referrals.received", Hampton).ShouldBe(new MeasureCell(Hampton, null, Suppressed: true));
        Ward(view, "referrals.received", Kew).ShouldBe(new MeasureCell(Kew, 40));
    }

    [Fact]
    public void Councillors_see_completed_months_only_not_the_month_to_date_a_quarter_or_a_financial_year()
    {
        var rollup = Month(January, ("referrals.received", W((Barnes, 8), (Hampton, 11))));

        CouncillorView.Of(January, rollup).ShouldNotBeNull();
        CouncillorView.Of(January, rollup with { Final = false }).ShouldBeNull();
        CouncillorView.Of(ReportingPeriod.Quarter(2026, 1), rollup with { Period = "2026-Q1" }).ShouldBeNull();
        CouncillorView.Of(ReportingPeriod.FinancialYear(2025), rollup with { Period = "FY2025-26" }).ShouldBeNull();
    }

    [Fact]
    public void The_cells_keep_their_ward_order_whatever_the_values_so_order_says_nothing_about_a_withheld_one()
    {
        var view = CouncillorView.Of(January, Month(January, ("cohort.size", W((Twickenham, 40), (Barnes, 2), (Kew, 17), (Hampton, 0)))))!;

        view.Tables.Single(t => t.Breakdown == "ward").Cells.Select(c => c.Key).ShouldBe([Barnes, Hampton, Kew, Twickenham]);
    }

    public static TheoryData<string> Tempting => new()
    {
        "one small ward", "two small wards", "a small ward in one month only", "a total of 5 in two wards", "a total of 5 in five wards",
        "a small total", "every ward small", "a small cell with zeros beside it",
    };

    [Theory]
    [MemberData(nameof(Tempting))]
    public void No_withheld_cell_can_be_worked_out_from_everything_a_councillor_can_read(string scenario)
    {
        var months = Scenario(scenario);
        var views = months.Select(m => (m.Period, View: CouncillorView.Of(m.Period, m.Rollup)!)).ToList();
        var withheld = views.SelectMany(v => v.View.Tables).SelectMany(t => t.Cells).Where(c => c.Suppressed).ToList();

        withheld.ShouldNotBeEmpty("the scenario is meant to tempt: it must withhold something");
        withheld.ShouldAllBe(c => c.Value == null);
        DifferencingAttack.Recover(views, months.ToDictionary(m => m.Period.Name, m => m.Rollup)).ShouldBeEmpty();
    }

    [Fact]
    public void The_reader_is_strong_enough_to_recover_a_small_ward_when_only_small_counts_are_withheld()
    {
        var truth = Month(January, ("referrals.received", W((Barnes, 3), (Hampton, 30), (Kew, 40))));
        var primaryOnly = truth with
        {
            Tables = [.. CouncillorView.Of(January, truth)!.Tables.Select(t => t with
            {
                Cells = [.. t.Cells.Select(c => Original(truth, t, c) is var value && value is > 0 and < 5 ? c : new MeasureCell(c.Key, value))],
            })],
        };

        DifferencingAttack.Recover([(January, primaryOnly)], new Dictionary<string, Rollup> { [January.Name] = truth })
            .ShouldBe([new DifferencingAttack.Cell(January.Name, "referrals.received", "ward", Barnes)]);
    }

    [Fact]
    public void The_reader_would_recover_a_month_from_its_quarter_and_the_other_two_months_which_is_why_councillors_see_months_only()
    {
        var months = new[]
        {
            (Period: January, Rollup: Month(January, ("referrals.received", W((Barnes, 6), (Hampton, 8), (Kew, 10))))),
            (Period: February, Rollup: Month(February, ("referrals.received", W((Barnes, 2), (Hampton, 9), (Kew, 11))))),
            (Period: March, Rollup: Month(March, ("referrals.received", W((Barnes, 7), (Hampton, 8), (Kew, 10))))),
        };
        var quarter = ReportingPeriod.Quarter(2026, 1);
        var quarterRollup = Month(quarter, ("referrals.received", W((Barnes, 15), (Hampton, 25), (Kew, 31))));
        // The same rule applied to the quarter as if it were shown.
        var quarterView = CouncillorView.Of(January, quarterRollup)! with { Period = quarter.Name };
        var views = months.Select(m => (m.Period, CouncillorView.Of(m.Period, m.Rollup)!)).Append((quarter, quarterView)).ToList();
        var truth = months.ToDictionary(m => m.Period.Name, m => m.Rollup);
        truth[quarter.Name] = quarterRollup;

        DifferencingAttack.Recover(views, truth).ShouldContain(new DifferencingAttack.Cell(February.Name, "referrals.received", "ward", Barnes));
    }

    [Fact]
    public void The_reader_would_recover_a_ward_from_the_cohorts_flows_beside_its_size_which_is_why_councillors_do_not_see_the_flows()
    {
        var january = Month(January, ("cohort.size", W((Barnes, 7), (Hampton, 10), (Kew, 12))));
        var february = Month(February,
            ("cohort.size", W((Barnes, 3), (Hampton, 10), (Kew, 12))), ("cohort.in", W((Barnes, 0), (Hampton, 0), (Kew, 0))), ("cohort.out", W((Barnes, 4), (Hampton, 0), (Kew, 0))));
        // The same rule applied to the flows as if they were shown (renamed past the withholding, then named back).
        var renamed = february with { Tables = [.. february.Tables.Select(t => t with { Measure = t.Measure.Replace("cohort.", "shown.", StringComparison.Ordinal) })] };
        var februaryView = CouncillorView.Of(February, renamed)!;
        februaryView = februaryView with { Tables = [.. februaryView.Tables.Select(t => t with { Measure = t.Measure.Replace("shown.", "cohort.", StringComparison.Ordinal) })] };

        var recovered = DifferencingAttack.Recover(
            [(January, CouncillorView.Of(January, january)!), (February, februaryView)],
            new Dictionary<string, Rollup> { [January.Name] = january, [February.Name] = february });

        recovered.ShouldContain(new DifferencingAttack.Cell(February.Name, "cohort.out", "total", "all"));
        recovered.ShouldContain(new DifferencingAttack.Cell(February.Name, "cohort.size", "ward", Barnes));

        // What councillors do see of the same two months gives nothing back.
        DifferencingAttack.Recover(
            [(January, CouncillorView.Of(January, january)!), (February, CouncillorView.Of(February, february)!)],
            new Dictionary<string, Rollup> { [January.Name] = january, [February.Name] = february }).ShouldBeEmpty();
    }

    private static List<(ReportingPeriod Period, Rollup Rollup)> Scenario(string name) => name switch
    {
        "one small ward" => [(January, Month(January, ("cohort.size", W((Barnes, 3), (Hampton, 20), (Kew, 31), ("unknown", 0)))))],
        "two small wards" => [(January, Month(January, ("referrals.received", W((Barnes, 1), (Hampton, 1), (Kew, 40)))))],
        "a small ward in one month only" =>
        [
            (January, Month(January, ("cohort.size", W((Barnes, 3), (Hampton, 12), (Kew, 9))), ("referrals.received", W((Barnes, 2), (Hampton, 6), (Kew, 7))))),
            (February, Month(February, ("cohort.size", W((Barnes, 6), (Hampton, 12), (Kew, 9))), ("referrals.received", W((Barnes, 5), (Hampton, 6), (Kew, 7))))),
            (March, Month(March, ("cohort.size", W((Barnes, 6), (Hampton, 11), (Kew, 9))), ("referrals.received", W((Barnes, 5), (Hampton, 6), (Kew, 7))))),
        ],
        "a total of 5 in two wards" => [(January, Month(January, ("referrals.received", W((Barnes, 3), (Hampton, 2), (Kew, 0)))))],
        "a total of 5 in five wards" => [(January, Month(January, ("referrals.received", W((Barnes, 1), (Hampton, 1), (Kew, 1), (Teddington, 1), (Twickenham, 1)))))],
        "a small total" => [(January, Month(January, ("referrals.received", W((Barnes, 3), (Hampton, 0), (Kew, 0)))))],
        "every ward small" => [(January, Month(January, ("cohort.size", W((Barnes, 4), (Hampton, 3), (Kew, 2), (Twickenham, 4)))))],
        "a small cell with zeros beside it" => [(January, Month(January, ("cohort.size", W((Barnes, 0), (Hampton, 2), (Kew, 0), (Twickenham, 25)))))],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>
    /// Late data recomputes a final month: Barnes' 4 stays, Hampton gains two. Before, Hampton's 6 was withheld to
    /// protect Barnes; after, Kew's 7 is, and Hampton's 8 is shown. Each view alone gives nothing away.
    /// </summary>
    private static (Rollup Before, Rollup After, IReadOnlySet<(string Measure, string Key)> Touched) LateDataInHampton() =>
        (Month(January, ("referrals.received", W((Barnes, 4), (Hampton, 6), (Kew, 7)))),
         Month(January, ("referrals.received", W((Barnes, 4), (Hampton, 8), (Kew, 7)))),
         new HashSet<(string, string)> { ("referrals.received", Hampton), ("referrals.received", "all") });

    [Fact]
    public void A_councillor_who_kept_a_months_view_and_then_read_a_view_of_its_recomputed_figures_could_work_out_withheld_cells()
    {
        var (before, after, touched) = LateDataInHampton();
        var oldView = CouncillorView.Of(January, before)!;
        var newView = CouncillorView.Of(January, after)!;

        DifferencingAttack.Recover([(January, oldView)], new Dictionary<string, Rollup> { [January.Name] = before }).ShouldBeEmpty();
        DifferencingAttack.Recover([(January, newView)], new Dictionary<string, Rollup> { [January.Name] = after }).ShouldBeEmpty();
        var recovered = DifferencingAttack.RecoverAcrossRecompute(January, oldView, newView, before, after, touched);

        // Kew is the same in both and shown before, so Barnes after is 19 − 8 − 7, the same Barnes as before, and Hampton with it.
        recovered.Select(c => c.ToString()).ShouldBe(
            ["2026-01 referrals.received by ward E05013765", "2026-01 referrals.received by ward E05013771",
             "2026-01@recomputed referrals.received by ward E05013765", "2026-01@recomputed referrals.received by ward E05013774"], ignoreOrder: true);
    }

    [Fact]
    public void A_councillor_who_reads_a_month_before_and_after_its_recompute_gets_the_view_first_published_both_times_and_recovers_nothing()
    {
        var (before, _, touched) = LateDataInHampton();
        // What the dashboard serves a councillor after the recompute: the view published when the month first became final.
        var published = CouncillorView.Of(January, before)!;

        DifferencingAttack.RecoverAcrossRecompute(January, published, published, before, before, touched).ShouldBeEmpty();
    }

    private static MeasureCell Ward(Rollup view, string measure, string key) =>
        view.Tables.Single(t => t.Measure == measure && t.Breakdown == "ward").Cells.Single(c => c.Key == key);

    private static decimal? Original(Rollup truth, MeasureTable table, MeasureCell cell) =>
        truth.Tables.Single(t => t.Measure == table.Measure && t.Breakdown == table.Breakdown).Cells.Single(c => c.Key == cell.Key).Value;

    private static (string Key, int Count)[] W(params (string Key, int Count)[] wards) => wards;

    /// <summary>
    /// A final rollup as the rollup job writes it: each measure by ward with its total, and by category and agency (which
    /// councillors must not see), plus a share by ward (nor that).
    /// </summary>
    private static Rollup Month(ReportingPeriod period, params (string Measure, (string Key, int Count)[] Wards)[] measures)
    {
        var tables = new List<MeasureTable>();
        foreach (var (measure, wards) in measures)
        {
            var total = wards.Sum(w => w.Count);
            tables.Add(new MeasureTable(measure, "ward", MeasureUnit.Count, [.. wards.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new MeasureCell(w.Key, w.Count))]));
            tables.Add(new MeasureTable(measure, "total", MeasureUnit.Count, [new MeasureCell("all", total)]));
            tables.Add(new MeasureTable(measure, "category", MeasureUnit.Count, [new MeasureCell("ppo", total - (total / 2)), new MeasureCell("other", total / 2)]));
            tables.Add(new MeasureTable(measure, "agency", MeasureUnit.Count, [new MeasureCell("police", total)]));
        }

        tables.Add(new MeasureTable("referrals.on-time", "ward", MeasureUnit.Share, [new MeasureCell(Barnes, 0.5m)]));
        return new Rollup(period.Name, "1", new RollupWatermark(new DateTimeOffset(period.End.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), null), true,
            [.. tables.OrderBy(t => t.Measure, StringComparer.Ordinal).ThenBy(t => t.Breakdown, StringComparer.Ordinal)]);
    }
}
