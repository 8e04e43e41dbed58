using System.Text.RegularExpressions;

namespace Iom.Domain.Identifiers;

/// <summary>
/// A prison (NOMS) number, e.g. <c>A1234BC</c>. A prison merge replaces one number with another, so a person may
/// have held several. Obtain values only through <see cref="TryParse"/>; <c>default</c> is not an identifier.
/// </summary>
public readonly partial record struct PrisonNumber
{
    private readonly string _canonical;

    private PrisonNumber(string canonical) => _canonical = canonical;

    /// <summary>Parses a prison number (trimmed, any case).</summary>
    /// <param name="input">What the person typed or the partner sent.</param>
    /// <param name="value">The identifier when valid, otherwise <c>default</c>.</param>
    /// <param name="error">A message for the person when invalid, otherwise empty.</param>
    public static bool TryParse(string? input, out PrisonNumber value, out string error)
    {
        value = default;
        var text = IdentifierText.Normalise(input);
        if (text.Length == 0)
        {
            error = "Enter a prison number";
            return false;
        }

        if (!Shape().IsMatch(text))
        {
            error = "A prison number must be 1 letter, 4 numbers and 2 letters, like A1234BC";
            return false;
        }

        value = new PrisonNumber(text);
        error = string.Empty;
        return true;
    }

    /// <summary>The canonical upper-case form.</summary>
    public override string ToString() => _canonical ?? string.Empty;

    [GeneratedRegex(@"^[A-Z][0-9]{4}[A-Z]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
