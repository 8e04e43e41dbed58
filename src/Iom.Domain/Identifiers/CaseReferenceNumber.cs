using System.Text.RegularExpressions;

namespace Iom.Domain.Identifiers;

/// <summary>
/// A probation case reference number (CRN): one letter and six digits.
/// Obtain values only through <see cref="TryParse"/>; <c>default</c> is not an identifier.
/// </summary>
public readonly partial record struct CaseReferenceNumber
{
    private readonly string _canonical;

    private CaseReferenceNumber(string canonical) => _canonical = canonical;

    /// <summary>Parses a CRN (trimmed, any case).</summary>
    /// <param name="input">What the person typed or the partner sent.</param>
    /// <param name="value">The identifier when valid, otherwise <c>default</c>.</param>
    /// <param name="error">A message for the person when invalid, otherwise empty.</param>
    public static bool TryParse(string? input, out CaseReferenceNumber value, out string error)
    {
        value = default;
        var text = IdentifierText.Normalise(input);
        if (text.Length == 0)
        {
            error = "Enter a case reference number (CRN)";
            return false;
        }

        if (!Shape().IsMatch(text))
        {
            error = "A case reference number (CRN) must be 1 letter followed by 6 numbers";
            return false;
        }

        value = new CaseReferenceNumber(text);
        error = string.Empty;
        return true;
    }

    /// <summary>The canonical upper-case form.</summary>
    public override string ToString() => _canonical ?? string.Empty;

    [GeneratedRegex(@"^[A-Z][0-9]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
