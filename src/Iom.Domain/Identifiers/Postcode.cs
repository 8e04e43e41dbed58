using System.Text.RegularExpressions;

namespace Iom.Domain.Identifiers;

/// <summary>
/// A UK postcode in the form <c>SW1A 1AA</c>: outward code, one space, inward code.
/// Obtain values only through <see cref="TryParse"/>; <c>default</c> is not a postcode.
/// </summary>
/// <remarks>
/// Only the shape is checked (outward A9, A99, AA9, AA99, A9A or AA9A; inward 9AA), as GOV.UK advises: Royal Mail's
/// letter-position exclusions would refuse a mistyped address without making it right, and whether the postcode
/// exists (and in which ward) is a lookup, not a format rule. Non-geographic codes (GIR 0AA, BFPO, overseas
/// territories) are not accepted.
/// </remarks>
public readonly partial record struct Postcode
{
    private readonly string _canonical;

    private Postcode(string canonical) => _canonical = canonical;

    /// <summary>The part before the space, e.g. <c>SW1A</c>.</summary>
    public string OutwardCode => ToString()[..^4];

    /// <summary>The part after the space, e.g. <c>1AA</c>.</summary>
    public string InwardCode => ToString()[^3..];

    /// <summary>Parses a postcode typed with any spacing and in any case.</summary>
    /// <param name="input">What the person typed or the partner sent.</param>
    /// <param name="value">The postcode when valid, otherwise <c>default</c>.</param>
    /// <param name="error">A message for the person when invalid, otherwise empty.</param>
    public static bool TryParse(string? input, out Postcode value, out string error)
    {
        value = default;
        var text = Whitespace().Replace(IdentifierText.Normalise(input), string.Empty);
        if (text.Length == 0)
        {
            error = "Enter a postcode";
            return false;
        }

        if (!Shape().IsMatch(text))
        {
            error = "Enter a full UK postcode, like SW1A 1AA";
            return false;
        }

        value = new Postcode($"{text[..^3]} {text[^3..]}");
        error = string.Empty;
        return true;
    }

    /// <summary>The canonical form, e.g. <c>SW1A 1AA</c>.</summary>
    public override string ToString() => _canonical ?? string.Empty;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
