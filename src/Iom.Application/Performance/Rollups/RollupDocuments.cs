using Iom.Application.Ports.Documents;
using Iom.Domain.Performance;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// Where rollups live: container <c>performance</c>, partition the period's name, id <c>rollup</c> (the contract the
/// dashboard reads by); beside a final month's rollup, the councillor view first published of it (id
/// <c>councillor-view</c>); the nightly run records in partition <c>nightly-runs</c>, one per London night.
/// </summary>
public static class RollupDocuments
{
    public const string RollupId = "rollup";
    public const string RunPartition = "nightly-runs";
    public const string CouncillorViewId = "councillor-view";

    public static DocumentKey KeyOf(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new(Containers.Performance, period.Name, RollupId);
    }

    public static DocumentKey CouncillorViewKeyOf(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new(Containers.Performance, period.Name, CouncillorViewId);
    }

    public static DocumentKey RunKeyOf(DateOnly night) =>
        new(Containers.Performance, RunPartition, "run-" + night.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
