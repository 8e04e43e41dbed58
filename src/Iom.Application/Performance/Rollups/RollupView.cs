using Iom.Application.Api;
using Iom.Domain.Performance;

namespace Iom.Application.Performance.Rollups;

/// <summary>A period's rollup as the API answers it: every table in full (analysts and co-ordinators only).</summary>
/// <param name="Final">True once the period has ended.</param>
public sealed record RollupView(string Period, string DefinitionsVersion, RollupWatermarkView Watermark, bool Final, IReadOnlyList<MeasureTableView> Tables) : IApiResponse
{
    public static RollupView Of(Rollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        return new RollupView(
            rollup.Period,
            rollup.DefinitionsVersion,
            new RollupWatermarkView(rollup.Watermark.AsOf, rollup.Watermark.Position),
            rollup.Final,
            [.. rollup.Tables.Select(t => new MeasureTableView(t.Measure, t.Breakdown, t.Unit, [.. t.Cells.Select(c => new MeasureCellView(c.Key, c.Value, c.Provisional))]))]);
    }
}
