using System.Globalization;
using System.Text.RegularExpressions;
using Iom.Domain.Identifiers;
using Iom.Domain.Wire;

namespace Iom.Domain.Offending;

/// <summary>
/// The checks on one row of an offending-data upload. Rows come from another system, so the PNC ID must be in
/// canonical form (<c>YYYY/NNNNNNNC</c>) with the right check letter; dates are ISO (<c>yyyy-MM-dd</c>), not after
/// today, and the outcome is on or after the offence; the outcome and the offence type are wire names from closed
/// lists; the source reference is required, short and plain (it keys the record's idempotency).
/// No message repeats what was sent: a report must not echo personal data back.
/// </summary>
public static partial class OffendingRowRules
{
    public const int MaxSourceRefLength = 64;

    public const string PncIdField = "pncId";
    public const string OffenceDateField = "offenceDate";
    public const string OutcomeDateField = "outcomeDate";
    public const string OutcomeField = "outcome";
    public const string OffenceTypeField = "offenceType";
    public const string SourceRefField = "sourceRef";

    /// <summary>The columns a CSV upload's header row must name (any order, exact spelling).</summary>
    public static readonly IReadOnlyList<string> Columns = [PncIdField, OffenceDateField, OutcomeDateField, OutcomeField, OffenceTypeField, SourceRefField];

    /// <param name="today">Today's London date: nothing can have happened after it.</param>
    /// <returns>The record, or null with every field's error.</returns>
    public static OffendingRecord? Validate(OffendingRow row, DateOnly today, out IReadOnlyList<RowError> errors)
    {
        ArgumentNullException.ThrowIfNull(row);
        var found = new List<RowError>();
        var pnc = PncOf(row.PncId, today, found);
        var offence = DateOf(OffenceDateField, "offence", row.OffenceDate, today, found);
        var outcomeDate = DateOf(OutcomeDateField, "outcome", row.OutcomeDate, today, found);
        if (offence is { } o && outcomeDate is { } d && d < o)
        {
            found.Add(new RowError(OutcomeDateField, RowErrorCodes.BeforeOffence, "The outcome date must be on or after the offence date"));
        }

        var outcome = OneOf<OffenceOutcome>(OutcomeField, "outcome", row.Outcome, found);
        var type = OneOf<OffenceGroup>(OffenceTypeField, "offence type", row.OffenceType, found);
        var sourceRef = SourceRefOf(row.SourceRef, found);

        errors = found;
        return found.Count == 0
            ? new OffendingRecord(pnc!.Value, offence!.Value, outcomeDate!.Value, outcome!.Value, type!.Value, sourceRef!)
            : null;
    }

    private static PncId? PncOf(string? text, DateOnly today, List<RowError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new RowError(PncIdField, RowErrorCodes.Required, "Enter the PNC ID"));
            return null;
        }

        if (!CanonicalPnc().IsMatch(text))
        {
            errors.Add(new RowError(PncIdField, RowErrorCodes.Format, "The PNC ID must be in the canonical form YYYY/NNNNNNNC"));
            return null;
        }

        var year = int.Parse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
        if (year < 1900 || year > today.Year)
        {
            errors.Add(new RowError(PncIdField, RowErrorCodes.Format, $"The PNC ID year must be between 1900 and {today.Year}"));
            return null;
        }

        if (!PncId.TryParse(text, today, out var pnc, out _))
        {
            // The shape and the year are right, so what is left is the check letter.
            errors.Add(new RowError(PncIdField, RowErrorCodes.CheckLetter, "The PNC ID check letter is wrong"));
            return null;
        }

        return pnc;
    }

    private static DateOnly? DateOf(string field, string what, string? text, DateOnly today, List<RowError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new RowError(field, RowErrorCodes.Required, $"Enter the {what} date"));
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(new RowError(field, RowErrorCodes.Format, $"The {what} date must be a real date in the form YYYY-MM-DD"));
            return null;
        }

        if (date > today)
        {
            errors.Add(new RowError(field, RowErrorCodes.Future, $"The {what} date must be today or in the past"));
            return null;
        }

        return date;
    }

    private static T? OneOf<T>(string field, string what, string? text, List<RowError> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new RowError(field, RowErrorCodes.Required, $"Enter the {what}"));
            return null;
        }

        if (!WireNames.TryParse<T>(text, out var value))
        {
            errors.Add(new RowError(field, RowErrorCodes.NotAllowed, $"The {what} must be one of {string.Join(", ", WireNames.All<T>())}"));
            return null;
        }

        return value;
    }

    private static string? SourceRefOf(string? text, List<RowError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new RowError(SourceRefField, RowErrorCodes.Required, "Enter the source reference"));
            return null;
        }

        if (text.Length > MaxSourceRefLength)
        {
            errors.Add(new RowError(SourceRefField, RowErrorCodes.TooLong, $"The source reference must be {MaxSourceRefLength} characters or fewer"));
            return null;
        }

        if (!PlainReference().IsMatch(text))
        {
            errors.Add(new RowError(SourceRefField, RowErrorCodes.Format, "The source reference may hold only letters, digits and . _ : / -, starting with a letter or digit"));
            return null;
        }

        return text;
    }

    [GeneratedRegex(@"^[0-9]{4}/[0-9]{7}[A-Z]\z", RegexOptions.CultureInvariant)]
    private static partial Regex CanonicalPnc();

    // Plain ASCII only: the reference names a claim document and appears in reports, so nothing in it may need encoding.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:/-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainReference();
}
