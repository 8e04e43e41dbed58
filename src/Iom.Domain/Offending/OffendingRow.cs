namespace Iom.Domain.Offending;

/// <summary>A row of an upload as sent: every field text, unchecked (null when the column or property is missing or empty).</summary>
public sealed record OffendingRow(
    string? PncId, string? OffenceDate, string? OutcomeDate, string? Outcome, string? OffenceType, string? SourceRef);
