using System.Globalization;
using System.Text.RegularExpressions;

namespace Iom.Domain.Identifiers;

/// <summary>
/// A Police National Computer ID in canonical form <c>YYYY/NNNNNNNC</c> (4-digit year, 7-digit zero-padded serial,
/// mod-23 check letter over the last two year digits followed by the 7-digit serial).
/// Obtain values only through <see cref="TryParse"/>; <c>default</c> is not an identifier.
/// </summary>
/// <remarks>
/// Accepted input (trimmed, any case): <c>YYYY/N…</c> or <c>YY/N…</c> with a 1–7 digit serial, or without the slash
/// either 11 digits (<c>YYYYNNNNNNN</c>) or 3–9 digits (<c>YY</c> + 1–7 digit serial), then the check letter.
/// Deliberate differences from the HMPPS person-record service (see the tests): the slash may only follow the year,
/// a 4-digit year must lie between 1900 and this year (upstream ignores the century), a 10-digit unslashed input is
/// refused instead of yielding an 8-digit serial or overflowing, and invalid input is refused with a message instead
/// of becoming an empty identifier that equals every other invalid one.
/// </remarks>
public readonly partial record struct PncId
{
    private const string EnterMessage = "Enter a PNC ID";
    private const string FormatMessage = "A PNC ID must be a year, a slash, a serial number and a check letter, in the format YYYY/NNNNNNNC";
    private const string SerialTooLongMessage = "The PNC ID serial number must be 7 digits or fewer";
    private const string CheckLetterMessage = "The PNC ID check letter is wrong";
    private const int EarliestYear = 1900;

    private readonly string _canonical;

    private PncId(string canonical) => _canonical = canonical;

    /// <summary>Parses a PNC ID in long or short form.</summary>
    /// <param name="input">What the person typed or the partner sent.</param>
    /// <param name="today">Today's date: a 2-digit year up to this year's is 20YY, above it 19YY, and a 4-digit year may not be later than this year.</param>
    /// <param name="value">The identifier when valid, otherwise <c>default</c>.</param>
    /// <param name="error">A message for the person when invalid, otherwise empty.</param>
    public static bool TryParse(string? input, DateOnly today, out PncId value, out string error)
    {
        value = default;
        var text = IdentifierText.Normalise(input);
        if (text.Length == 0)
        {
            error = EnterMessage;
            return false;
        }

        var match = Shape().Match(text);
        if (!match.Success)
        {
            error = FormatMessage;
            return false;
        }

        var yearDigits = match.Groups["year"].Value;
        var serial = match.Groups["serial"].Value;
        var check = match.Groups["check"].Value[0];
        if (serial.Length > 7)
        {
            error = SerialTooLongMessage;
            return false;
        }

        var year = int.Parse(yearDigits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (yearDigits.Length == 2)
        {
            var century = today.Year - (today.Year % 100);
            year += year <= today.Year % 100 ? century : century - 100;
        }
        else if (year < EarliestYear || year > today.Year)
        {
            error = $"The PNC ID year must be between {EarliestYear} and {today.Year}";
            return false;
        }

        var paddedSerial = serial.PadLeft(7, '0');
        if (CheckLetter.For(yearDigits[^2..] + paddedSerial) != check)
        {
            error = CheckLetterMessage;
            return false;
        }

        value = new PncId(string.Create(CultureInfo.InvariantCulture, $"{year:D4}/{paddedSerial}{check}"));
        error = string.Empty;
        return true;
    }

    /// <summary>The canonical form, e.g. <c>1979/0163001B</c>.</summary>
    public override string ToString() => _canonical ?? string.Empty;

    // A slash, if present, must follow a 2- or 4-digit year; without one the length decides long (11 digits) or
    // short (2-digit year + 1-7 digits). The serial may be longer than 7 after a slash only to give a precise message.
    [GeneratedRegex(@"^(?:(?<year>[0-9]{2}|[0-9]{4})/(?<serial>[0-9]+)|(?<year>[0-9]{4})(?<serial>[0-9]{7})|(?<year>[0-9]{2})(?<serial>[0-9]{1,7}))(?<check>[A-Z])\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
