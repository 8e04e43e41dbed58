namespace Iom.Application.Performance.Rollups;

/// <param name="Value">Null when there is nothing to measure (a median of no referrals).</param>
public sealed record MeasureCellView(string Key, decimal? Value, bool Provisional);
