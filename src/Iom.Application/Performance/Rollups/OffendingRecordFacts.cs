using Iom.Application.Offending;
using Iom.Application.Ports.Documents;
using Iom.Domain.Offending;
using Iom.Domain.Performance.Reoffending;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// A read-only projection of <see cref="StoredOffendingRecord"/>: only the fields the re-offending facts and the
/// watermark use. The full pass reads every offending record (ten a person), so System.Text.Json skipping the rest
/// (source reference, offence type) is worth a type of its own. Never written: the stored shape stays
/// <see cref="StoredOffendingRecord"/>'s.
/// </summary>
[DocumentKind(StoredOffendingRecord.Kind)]
public sealed record OffendingRecordFacts(string PersonId, DateOnly OffenceDate, DateOnly OutcomeDate, OffenceOutcome Outcome, DateTimeOffset RecordedAt)
{
    public ProvenOffence ToProvenOffence() => new(PersonId, OffenceDate, OutcomeDate, Outcome);
}
