using Iom.Domain.Performance.Facts;

namespace Iom.Application.Performance.Rollups;

/// <summary>The facts a source read and how far its inputs went.</summary>
/// <param name="AsOf">The latest change among the inputs (taken from the documents, not the clock, so a recompute of the same data writes the same bytes); the Unix epoch when there were none.</param>
/// <param name="Position">The change journal's position the facts were read to; null for a full pass.</param>
public sealed record PerformanceFactsRead(PerformanceFacts Facts, DateTimeOffset AsOf, string? Position);
