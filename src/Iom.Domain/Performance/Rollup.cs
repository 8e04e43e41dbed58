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

/// <summary>How far a rollup's inputs went.</summary>
/// <param name="AsOf">The instant up to which changes were counted.</param>
/// <param name="Position">The store's change position the inputs were read to (an opaque token; null for a full recompute from the documents).</param>
public sealed record RollupWatermark(DateTimeOffset AsOf, string? Position);

/// <summary>
/// One measure broken down one way: <c>cohort.size</c> by <c>ward</c>, <c>referrals.received</c> by <c>agency</c>.
/// The breakdown <c>total</c> has the one cell <c>all</c>; a count table's cells add up to its total (people with
/// no value fall in the cell <c>unknown</c>), which is what suppression has to protect against differencing.
/// </summary>
/// <param name="Measure">The measure's name: lower-case words joined by dots (<c>release-alerts.time-to-send</c>).</param>
/// <param name="Breakdown">The dimension: <c>total</c>, <c>ward</c>, <c>category</c>, <c>cohort-type</c>, <c>strand</c>, <c>agency</c>, <c>age-band</c>, <c>gender</c>, <c>ethnicity</c>, …</param>
/// <param name="Unit">What the values are.</param>
/// <param name="Cells">The values, ordered by key.</param>
public sealed record MeasureTable(string Measure, string Breakdown, MeasureUnit Unit, IReadOnlyList<MeasureCell> Cells);

/// <param name="Key">The breakdown's value: a ward's ONS code, an agency id, a category's wire name, <c>all</c>, <c>unknown</c>.</param>
/// <param name="Value">The figure; null when there is nothing to measure (a median of no referrals) or when suppressed.</param>
/// <param name="Provisional">True while the figure can still change by definition (a re-offending follow-up's waiting period has not passed).</param>
/// <param name="Suppressed">True when withheld from this reader (a councillor's small count, or one that would reveal it).</param>
public sealed record MeasureCell(string Key, decimal? Value, bool Provisional = false, bool Suppressed = false);
