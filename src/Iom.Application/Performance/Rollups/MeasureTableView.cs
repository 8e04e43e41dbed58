using Iom.Domain.Performance;

namespace Iom.Application.Performance.Rollups;

/// <summary>One measure by one breakdown, its cells ordered by key (ordinal).</summary>
public sealed record MeasureTableView(string Measure, string Breakdown, MeasureUnit Unit, IReadOnlyList<MeasureCellView> Cells);
