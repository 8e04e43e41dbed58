namespace Iom.Domain.Performance;

/// <summary>How far a rollup's inputs went.</summary>
/// <param name="AsOf">The instant up to which changes were counted.</param>
/// <param name="Position">The store's change position the inputs were read to (an opaque token; null for a full recompute from the documents).</param>
public sealed record RollupWatermark(DateTimeOffset AsOf, string? Position);
