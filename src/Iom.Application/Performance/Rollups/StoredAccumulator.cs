using Iom.Application.Ports.Documents;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// One period's accumulated counts and histograms as of <see cref="Night"/>, and the state before that night's run
/// (<see cref="Previous"/>), so that a run which wrote this and crashed before moving <see cref="RollupState"/> is
/// re-applied from the state it started from. Bounded: one cell per key a breakdown can take, one entry per
/// distinct histogram value.
/// </summary>
[DocumentKind("rollup-accumulator")]
public sealed record StoredAccumulator(string Period, int Generation, DateOnly Night, AccumulatorCells Cells, DateOnly? PreviousNight = null, AccumulatorCells? Previous = null);
