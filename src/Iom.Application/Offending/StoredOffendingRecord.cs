using Iom.Application.Ports.Documents;
using Iom.Domain.Offending;
using Iom.Domain.Performance.Reoffending;

namespace Iom.Application.Offending;

/// <summary>
/// A proven offence of a person known to IOM, in their partition of <c>people</c>, one per source reference (its id is
/// made from it, <see cref="OffendingDocuments.RecordOf"/>). The PNC ID it arrived under is not kept: the partition
/// says whose it is.
/// </summary>
[DocumentKind(Kind)]
public sealed record StoredOffendingRecord(
    string PersonId, string SourceRef, DateOnly OffenceDate, DateOnly OutcomeDate, OffenceOutcome Outcome, OffenceGroup OffenceType, DateTimeOffset RecordedAt)
{
    public const string Kind = "offending-record";

    /// <summary>What the re-offending measures read.</summary>
    public ProvenOffence ToProvenOffence() => new(PersonId, OffenceDate, OutcomeDate, Outcome);
}
