namespace Iom.Domain.Performance;

/// <summary>One count cell of a rollup: a measure, its breakdown and the breakdown's key.</summary>
public readonly record struct CellKey(string Measure, string Breakdown, string Key);
