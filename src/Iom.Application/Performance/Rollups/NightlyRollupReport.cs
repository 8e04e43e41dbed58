namespace Iom.Application.Performance.Rollups;

/// <summary>What one firing of the nightly timer did.</summary>
/// <param name="Night">The London date of the firing.</param>
/// <param name="Ran">True only for the one firing that ran that night's rollups.</param>
/// <param name="Why">Why it did not run: <c>before-02:00</c> or <c>already-ran</c>; null when it ran.</param>
/// <param name="Periods">The periods it computed, in order.</param>
/// <param name="State">What the incremental state did (rebuilt or moved by the day's changes); null when it did not run.</param>
public sealed record NightlyRollupReport(DateOnly Night, bool Ran, string? Why, IReadOnlyList<string> Periods, IncrementalRollupReport? State = null);
