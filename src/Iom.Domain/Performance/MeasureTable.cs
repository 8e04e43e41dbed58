namespace Iom.Domain.Performance;

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
