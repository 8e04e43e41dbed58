using Iom.Domain.Identifiers;

namespace Iom.Domain.Offending;

/// <summary>One proven offence as a partner's system sent it, validated: who (by PNC ID), when, how it was proven.</summary>
/// <param name="SourceRef">The sender's own reference for the record: the same reference is the same record.</param>
public sealed record OffendingRecord(
    PncId PncId, DateOnly OffenceDate, DateOnly OutcomeDate, OffenceOutcome Outcome, OffenceGroup OffenceType, string SourceRef)
{
    /// <summary>
    /// The record's content in one line, so a repeat of a reference is told apart from a change to it: the same
    /// reference with the same fingerprint is a repeat (unchanged), with another it is a conflict.
    /// </summary>
    public string Fingerprint =>
        string.Join('|', PncId.ToString(), OffenceDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            OutcomeDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Wire.WireNames.Of(Outcome), Wire.WireNames.Of(OffenceType));
}
