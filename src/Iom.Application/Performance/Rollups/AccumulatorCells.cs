namespace Iom.Application.Performance.Rollups;

/// <param name="Histograms">Each histogram's values as [value, times] pairs, smallest first.</param>
public sealed record AccumulatorCells(IReadOnlyList<StoredCell> Counts, IReadOnlyDictionary<string, IReadOnlyList<int[]>> Histograms);
