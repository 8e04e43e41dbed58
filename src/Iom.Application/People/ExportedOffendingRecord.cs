using Iom.Application.Offending;
using Iom.Domain.Offending;

namespace Iom.Application.People;

/// <summary>A proven offence uploaded by an analyst (<see cref="StoredOffendingRecord"/>), as exported.</summary>
public sealed record ExportedOffendingRecord(
    string SourceRef,
    DateOnly OffenceDate,
    DateOnly OutcomeDate,
    OffenceOutcome Outcome,
    OffenceGroup OffenceType,
    DateTimeOffset RecordedAt)
{
    public static ExportedOffendingRecord Of(StoredOffendingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new ExportedOffendingRecord(record.SourceRef, record.OffenceDate, record.OutcomeDate, record.Outcome, record.OffenceType, record.RecordedAt);
    }
}
