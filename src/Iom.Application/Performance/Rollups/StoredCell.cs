namespace Iom.Application.Performance.Rollups;

public sealed record StoredCell(string Measure, string Breakdown, string Key, long Value);
