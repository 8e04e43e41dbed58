using System.Globalization;
using Iom.Application.Ports.Documents;
using Iom.Domain.Performance;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// Where the incremental rollup state lives (docs/performance-measures.md, "Incremental nightly run"). Every access on
/// the nightly path is a point read or a read of one small partition:
/// <list type="bullet">
/// <item><c>performance/rollup-state/state</c>: the head (<see cref="RollupState"/>).</item>
/// <item><c>performance/acc-&lt;period&gt;/accumulator</c>: a period's accumulator.</item>
/// <item><c>performance/facts-xx/&lt;sha-256 of the fact key&gt;</c>: a document's fact (256 partitions, by hash).</item>
/// <item><c>people/&lt;person&gt;/rollup-cohort-fact</c>: a person's cohort fact, beside their own documents, since it
/// holds their profile (date of birth, gender, ethnicity, ward): personal data stays in the person's partition.</item>
/// <item><c>performance/due-&lt;yyyy-MM-dd&gt;/&lt;sha-256 of the fact key&gt;</c>: the facts whose contribution may
/// change that day although their document does not.</item>
/// </list>
/// </summary>
public static class RollupStateDocuments
{
    public const string CohortFactId = "rollup-cohort-fact";

    public static DocumentKey Head { get; } = new(Containers.Performance, "rollup-state", "state");

    public static DocumentKey AccumulatorOf(ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new(Containers.Performance, "acc-" + period.Name, "accumulator");
    }

    public static DocumentKey FactOf(string factKey)
    {
        ArgumentNullException.ThrowIfNull(factKey);
        const string cohort = "cohort|";
        return factKey.StartsWith(cohort, StringComparison.Ordinal)
            ? new DocumentKey(Containers.People, factKey[cohort.Length..], CohortFactId)
            : DocumentKey.Hashed(Containers.Performance, "facts", factKey);
    }

    public static string DuePartitionOf(DateOnly day) => "due-" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DocumentKey DueOf(DateOnly day, string factKey) =>
        new(Containers.Performance, DuePartitionOf(day), DocumentKey.Hashed(Containers.Performance, "due", factKey).Id);
}
