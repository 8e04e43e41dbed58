using System.Globalization;
using Iom.Application.Cohort;
using Iom.Application.Offending;
using Iom.Application.Performance;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Domain.Cohort;
using Iom.Domain.Offending;
using Iom.Domain.Performance;
using Iom.Domain.Referrals;

namespace Iom.Application.Tests.Performance;

/// <summary>
/// Re-offending in stored rollups, from memberships and offending records in a SQLite file: FY2025-26 follows the
/// cohort on 1 April 2025 to 31 March 2026, with outcomes to 30 September 2026.
/// </summary>
public sealed class ReoffendingRollupTests
{
    private static readonly Ni30Options Sunderland = new() { BaselineYear = 2008, BaselineConvictions = 154, TargetReductionPercent = 17m, BaselineFirstHalfConvictions = 63 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static MeasureCell Cell(Rollup rollup, string measure, string breakdown = "total", string key = "all") =>
        rollup.Tables.Single(t => t.Measure == measure && t.Breakdown == breakdown).Cells.Single(c => c.Key == key);

    private static async Task MemberAsync(RollupKit kit, string person, CohortCategory category, DateOnly from)
    {
        var membership = CohortMembership.Empty(person).Select(from, PanelCode.Iom, category, CohortType.Fixed,
            ["catch-and-control"], new LeadProfessional("Alex", "probation", "alex@justice.gov.uk", null), "iom-" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await kit.Documents.CreateAsync(CohortDocuments.MembershipOf(person), membership, Ct);
    }

    private static async Task OffenceAsync(RollupKit kit, string person, string sourceRef, DateOnly committed, DateOnly proven, string recordedAt)
    {
        var record = new StoredOffendingRecord(person, sourceRef, committed, proven, OffenceOutcome.Conviction, OffenceGroup.Robbery,
            DateTimeOffset.Parse(recordedAt, CultureInfo.InvariantCulture));
        await kit.Documents.CreateAsync(OffendingDocuments.RecordOf(person, sourceRef), record, Ct);
    }

    // ppo-1: in the cohort on 1 April 2025, one offence before it, two in the year. stranger: offending records, never
    // in the cohort. late: joined on 2 April.
    private static async Task SeedAsync(RollupKit kit)
    {
        await MemberAsync(kit, "ppo-1", CohortCategory.Ppo, D(2025, 1, 6));
        await OffenceAsync(kit, "ppo-1", "src-1", D(2025, 3, 31), D(2025, 4, 20), "2025-05-01T09:00:00Z");
        await OffenceAsync(kit, "ppo-1", "src-2", D(2025, 6, 1), D(2025, 7, 1), "2025-07-02T09:00:00Z");
        await OffenceAsync(kit, "ppo-1", "src-3", D(2026, 3, 31), D(2026, 9, 30), "2026-09-30T09:00:00Z");
        await OffenceAsync(kit, "stranger", "src-4", D(2025, 6, 1), D(2025, 7, 1), "2026-09-30T10:00:00Z");
        await MemberAsync(kit, "late", CohortCategory.Ppo, D(2025, 4, 2));
        await OffenceAsync(kit, "late", "src-5", D(2025, 6, 1), D(2025, 7, 1), "2025-07-03T09:00:00Z");
    }

    [Fact]
    public async Task The_full_pass_reads_each_offending_record_through_its_narrow_projection_as_the_same_proven_offence()
    {
        // The projection skips fields by name: a stored field renamed without it would read as a default, silently.
        using var kit = new RollupKit("2026-10-01T12:00:00Z");
        var stored = new StoredOffendingRecord("ppo-1", "src-1", D(2025, 3, 31), D(2025, 4, 20), OffenceOutcome.Caution, OffenceGroup.Robbery,
            DateTimeOffset.Parse("2025-05-01T09:00:00+01:00", CultureInfo.InvariantCulture));
        await kit.Documents.CreateAsync(OffendingDocuments.RecordOf("ppo-1", "src-1"), stored, Ct);

        var read = new List<OffendingRecordFacts>();
        await foreach (var document in kit.Documents.ReadKindAsync<OffendingRecordFacts>(Containers.People, Ct))
        {
            read.Add(document.Value);
        }

        read.Count.ShouldBe(1);
        read[0].ToProvenOffence().ShouldBe(stored.ToProvenOffence());
        read[0].RecordedAt.ShouldBe(stored.RecordedAt);
    }

    [Fact]
    public async Task A_recompute_counts_the_offending_records_of_the_cohort_on_the_snapshot_day_only()
    {
        using var kit = new RollupKit("2026-10-01T12:00:00Z", ni30: Sunderland);
        await SeedAsync(kit);

        var rollup = (await kit.Recompute.HandleAsync("FY2025-26", RollupKit.Analyst, Ct)).Value;

        Cell(rollup, "reoffending.cohort").Value.ShouldBe(1m);
        Cell(rollup, "reoffending.reoffenders").Value.ShouldBe(1m);
        Cell(rollup, "reoffending.reoffences").Value.ShouldBe(2m);
        Cell(rollup, "ni30.proven-offences").Value.ShouldBe(2m);
        Cell(rollup, "ni30.target").Value.ShouldBe(127m);
        Cell(rollup, "ni30.interim.target").Value.ShouldBe(52m);
        // The stranger's record is no input: the watermark is the latest record of someone ever in the cohort.
        rollup.Watermark.ShouldBe(new RollupWatermark(DateTimeOffset.Parse("2026-09-30T09:00:00Z", CultureInfo.InvariantCulture), null));
    }

    [Fact]
    public async Task A_stored_rollup_turns_final_when_recomputed_the_day_after_the_waiting_period()
    {
        using var kit = new RollupKit("2026-09-30T12:00:00Z", ni30: Sunderland);
        await SeedAsync(kit);

        var waiting = await kit.Recompute.HandleAsync("FY2025-26", RollupKit.Analyst, Ct);
        kit.Time.Advance(TimeSpan.FromDays(1));
        var final = await kit.Recompute.HandleAsync("FY2025-26", RollupKit.Analyst, Ct);

        Cell(waiting.Value, "reoffending.binary-rate").Provisional.ShouldBeTrue();
        Cell(waiting.Value, "ni30.proven-offences").Provisional.ShouldBeTrue();
        Cell(waiting.Value, "ni30.target").Provisional.ShouldBeFalse();
        Cell(final.Value, "reoffending.binary-rate").Provisional.ShouldBeFalse();
        Cell(final.Value, "ni30.proven-offences").Provisional.ShouldBeFalse();
        Cell(final.Value, "reoffending.binary-rate").Value.ShouldBe(Cell(waiting.Value, "reoffending.binary-rate").Value);
        final.ETag.ShouldNotBe(waiting.ETag);
    }

    [Fact]
    public async Task Recomputing_with_offending_records_twice_writes_the_same_bytes()
    {
        using var kit = new RollupKit("2026-10-01T12:00:00Z", ni30: Sunderland);
        await SeedAsync(kit);
        var key = RollupDocuments.KeyOf(ReportingPeriod.FinancialYear(2025));

        await kit.Recompute.HandleAsync("FY2025-26", RollupKit.Analyst, Ct);
        var first = await kit.StoredBodyAsync(key);
        await kit.Documents.DeleteAsync(key, cancellationToken: Ct);
        await kit.Recompute.HandleAsync("FY2025-26", RollupKit.Analyst, Ct);

        first.ShouldNotBeNull();
        first.ShouldContain("\"reoffending.binary-rate\"");
        (await kit.StoredBodyAsync(key)).ShouldBe(first);
    }

    [Fact]
    public async Task Without_an_NI_30_target_configured_a_financial_year_has_no_NI_30_tables()
    {
        using var kit = new RollupKit("2026-10-01T12:00:00Z");
        await SeedAsync(kit);

        var rollup = (await kit.Recompute.HandleAsync("FY2025-26", RollupKit.Analyst, Ct)).Value;

        rollup.Tables.ShouldNotContain(t => t.Measure.StartsWith("ni30.", StringComparison.Ordinal));
        Cell(rollup, "reoffending.cohort").Value.ShouldBe(1m);
    }
}
