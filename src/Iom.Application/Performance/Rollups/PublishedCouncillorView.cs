using Iom.Application.Ports.Documents;
using Iom.Domain.Performance;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// What councillors read of a final month: <see cref="CouncillorView"/> of the month's rollup as it was when the month
/// first became final, stored once beside the rollup (<see cref="RollupDocuments.CouncillorViewKeyOf"/>), created only
/// if absent, and never replaced by a recompute — two views of one month with different figures could be differenced
/// (docs/performance-dashboard.md, "Recomputed months"). No personal data: suppressed ward counts.
/// </summary>
[DocumentKind("councillor-view")]
public sealed record PublishedCouncillorView(Rollup View, DateOnly PublishedOn);
