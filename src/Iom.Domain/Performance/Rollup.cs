namespace Iom.Domain.Performance;

/// <summary>
/// The measures of one <see cref="ReportingPeriod"/>, as stored and served (JSON, CSV, the dashboard, the councillor
/// view). Deterministic: the same inputs give the same value and, serialised, the same bytes, so nothing in it is the
/// wall-clock time it was computed at; tables and cells are in a fixed order (tables by measure then breakdown, cells
/// by key, ordinal).
/// </summary>
/// <param name="Period">The period's name (<see cref="ReportingPeriod.Name"/>).</param>
/// <param name="DefinitionsVersion">The version of the measure definitions the figures follow (bumped whenever a definition changes).</param>
/// <param name="Watermark">How far the inputs went: what had been recorded by then is counted, nothing after.</param>
/// <param name="Final">True once the period has ended (late data can still move a final period: recompute it).</param>
/// <param name="Tables">One table per measure and breakdown.</param>
public sealed record Rollup(
    string Period,
    string DefinitionsVersion,
    RollupWatermark Watermark,
    bool Final,
    IReadOnlyList<MeasureTable> Tables);
