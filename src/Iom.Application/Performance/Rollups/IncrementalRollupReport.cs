namespace Iom.Application.Performance.Rollups;

/// <summary>What the rollup state did on one night.</summary>
/// <param name="Rebuilt">True when the state was built afresh from a full pass (<see cref="Why"/> says why).</param>
/// <param name="Changes">The changed documents read from the feeds; null for a rebuild.</param>
/// <param name="Facts">The facts looked at: changed and due that day, or every fact for a rebuild.</param>
/// <param name="Moved">The periods whose accumulated counts changed (incremental), or every period kept (rebuild).</param>
/// <param name="Seeded">The periods new to the state that night (the first night of a month, quarter or year),
/// accumulated from the fact index instead of a rebuild; empty on a rebuild, which builds every period.</param>
public sealed record IncrementalRollupReport(bool Rebuilt, string? Why, int? Changes, int Facts, IReadOnlyList<string> Moved, IReadOnlyList<string> Seeded);
