using Iom.Application.Performance.Dashboard;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Domain.Performance;
using Iom.Functions.Tests.LocalHost;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Tests.Performance;

/// <summary>
/// Rollups as the rollup job stores them (container performance, the period's partition, id "rollup"), written
/// straight into the host's store: test data, not a stand-in for the job. The clock of these tests is 14 December 2026,
/// so the dashboard shows December 2025 to November 2026 and December 2026 to date.
/// </summary>
public static class RollupSeed
{
    // Richmond upon Thames wards (ONS codes).
    public const string Barnes = "E05013765";
    public const string Hampton = "E05013771";
    public const string Kew = "E05013774";
    public const string Twickenham = "E05013782";

    public const string ClockStart = "--Clock:StartAt=2026-12-14T09:00:00Z";

    /// <summary>Months the job has not computed: the page must say so, not show zero.</summary>
    public static IReadOnlyList<ReportingPeriod> NotComputed { get; } = [ReportingPeriod.Month(2026, 3), ReportingPeriod.Month(2026, 4)];

    public static ReportingPeriod Current { get; } = ReportingPeriod.Month(2026, 12);

    public static IEnumerable<ReportingPeriod> Shown()
    {
        for (var start = new DateOnly(2025, 12, 1); start <= Current.Start; start = start.AddMonths(1))
        {
            yield return ReportingPeriod.Month(start.Year, start.Month);
        }
    }

    /// <summary>Every shown month but the ones not computed, Barnes' cohort small in odd months.</summary>
    public static async Task SeedYearAsync(RunningLocalHost host)
    {
        foreach (var period in Shown().Except(NotComputed))
        {
            var i = period.Start.Month;
            var barnes = i % 2 == 1 ? 3 : 8;
            await StoreAsync(host, period, Rollup(period,
                ("cohort.size", [(Barnes, barnes), (Hampton, 20 + i), (Kew, 14), (Twickenham, 31), ("unknown", 0)]),
                ("cohort.in", [(Barnes, 1), (Hampton, 4), (Kew, 2), (Twickenham, 6)]),
                ("cohort.out", [(Barnes, 2), (Hampton, 3), (Kew, 1), (Twickenham, 5)]),
                ("referrals.received", [(Barnes, 6), (Hampton, 2), (Kew, 9), (Twickenham, 12 + i)])));
        }
    }

    /// <summary>
    /// Stores the rollup and, for a final month, the councillor view published of it, each time as if it were the
    /// month's first publication (the job itself never replaces a published view: RollupWriter.PublishAsync).
    /// </summary>
    public static async Task StoreAsync(RunningLocalHost host, ReportingPeriod period, Rollup rollup)
    {
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        await documents.UpsertAsync(RollupDocuments.KeyOf(period), rollup, TestContext.Current.CancellationToken);
        if (CouncillorView.Of(period, rollup) is { } view)
        {
            await documents.UpsertAsync(RollupDocuments.CouncillorViewKeyOf(period), new PublishedCouncillorView(view, new DateOnly(2026, 12, 14)), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A rollup as the job writes it: each count by ward, by agency and in total (the cohort's also by category and gender), plus an on-time share and a median.</summary>
    public static Rollup Rollup(ReportingPeriod period, params (string Measure, (string Ward, int Count)[] Wards)[] counts)
    {
        var tables = new List<MeasureTable>();
        foreach (var (measure, wards) in counts)
        {
            var total = wards.Sum(w => w.Count);
            tables.Add(new MeasureTable(measure, "ward", MeasureUnit.Count, [.. wards.OrderBy(w => w.Ward, StringComparer.Ordinal).Select(w => new MeasureCell(w.Ward, w.Count))]));
            tables.Add(new MeasureTable(measure, "agency", MeasureUnit.Count, [new MeasureCell("police", total - 1), new MeasureCell("probation", 1)]));
            tables.Add(new MeasureTable(measure, "total", MeasureUnit.Count, [new MeasureCell("all", total)]));
            if (measure.StartsWith("cohort.", StringComparison.Ordinal) && total >= 2)
            {
                // Breakdowns only analysts see (the dashboard's breakdown tables); councillors never get them.
                tables.Add(new MeasureTable(measure, "category", MeasureUnit.Count, [new MeasureCell("other", total - 2), new MeasureCell("ppo", 2)]));
                tables.Add(new MeasureTable(measure, "gender", MeasureUnit.Count, [new MeasureCell("female", 1), new MeasureCell("male", total - 2), new MeasureCell("unknown", 1)]));
            }
        }

        var toDate = period == Current;
        tables.Add(new MeasureTable("referrals.on-time", "total", MeasureUnit.Share, [new MeasureCell("all", 0.8m + (period.Start.Month / 100m), Provisional: toDate)]));
        tables.Add(new MeasureTable("referrals.on-time", "ward", MeasureUnit.Share, [new MeasureCell(Barnes, 0.5m)]));
        tables.Add(new MeasureTable("referrals.decision-days.median", "total", MeasureUnit.WorkingDays, [new MeasureCell("all", 6.5m)]));
        return new Rollup(period.Name, "2026.1", new RollupWatermark(new DateTimeOffset(2026, 12, 14, 2, 0, 0, TimeSpan.Zero), null), !toDate,
            [.. tables.OrderBy(t => t.Measure, StringComparer.Ordinal).ThenBy(t => t.Breakdown, StringComparer.Ordinal)]);
    }
}
