using Iom.Domain.Offending;

namespace Iom.Application.Offending;

/// <summary>
/// One row of an upload as JSON (the body is an array of these) or as a CSV record (the header names the same
/// columns). Every value is text, checked by <see cref="OffendingRowRules"/>, so a bad value is a row error, not a
/// malformed file: <c>pncId</c> canonical <c>YYYY/NNNNNNNC</c>; <c>offenceDate</c> and <c>outcomeDate</c>
/// <c>YYYY-MM-DD</c>; <c>outcome</c> <c>conviction</c> or <c>caution</c>; <c>offenceType</c> one of the offence groups
/// (docs/performance-measures.md); <c>sourceRef</c> the sender's reference, at most 64 letters, digits and <c>._:/-</c>.
/// </summary>
public sealed record OffendingRowInput(string? PncId, string? OffenceDate, string? OutcomeDate, string? Outcome, string? OffenceType, string? SourceRef)
{
    public OffendingRow ToRow() => new(PncId, OffenceDate, OutcomeDate, Outcome, OffenceType, SourceRef);
}
