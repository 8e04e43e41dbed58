namespace Iom.Application.Performance.Rollups;

/// <param name="AsOf">The latest change among the inputs counted.</param>
/// <param name="Position">The change journal's position read to; null for a full pass over the documents.</param>
public sealed record RollupWatermarkView(DateTimeOffset AsOf, string? Position);
