using Iom.Application.Ports.Documents;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// The claim of one London night's run: created (never replaced) before the run computes anything, so a retried or
/// doubled trigger finds it and does nothing. Removed again if the run fails, so a retry that night can run.
/// </summary>
[DocumentKind("rollup-nightly-run")]
public sealed record NightlyRollupRun(DateOnly Night, DateTimeOffset StartedAt);
