using System.Text.RegularExpressions;

namespace Iom.Domain.Identifiers;

/// <summary>
/// A Criminal Records Office number, either standard <c>NNNNNN/YYC</c> or <c>SFYY/NNNNNNC</c>.
/// Obtain values only through <see cref="TryParse"/>; <c>default</c> is not an identifier.
/// </summary>
/// <remarks>
/// Standard form: the serial is zero-padded to 6 digits and the check letter is taken over YY followed by that padded
/// serial. SF form: the check is over YY followed by the serial exactly as written, so its leading zeros matter and
/// are kept in the canonical form. Both use the same mod-23 letters as the PNC ID; years stay 2 digits.
/// Unlike the HMPPS person-record service, input is trimmed and accepted in any case.
/// </remarks>
public readonly partial record struct CroNumber
{
    private const string EnterMessage = "Enter a CRO number";
    private const string FormatMessage = "A CRO number must be in the format NNNNNN/YYC or SFYY/NNNNNNC";
    private const string SerialTooLongMessage = "The CRO number serial number must be 6 digits or fewer";
    private const string CheckLetterMessage = "The CRO number check letter is wrong";

    private readonly string _canonical;

    private CroNumber(string canonical) => _canonical = canonical;

    /// <summary>Parses a CRO number in standard or SF form.</summary>
    /// <param name="input">What the person typed or the partner sent.</param>
    /// <param name="value">The identifier when valid, otherwise <c>default</c>.</param>
    /// <param name="error">A message for the person when invalid, otherwise empty.</param>
    public static bool TryParse(string? input, out CroNumber value, out string error)
    {
        value = default;
        var text = IdentifierText.Normalise(input);
        if (text.Length == 0)
        {
            error = EnterMessage;
            return false;
        }

        var sf = SfShape().Match(text);
        var match = sf.Success ? sf : StandardShape().Match(text);
        if (!match.Success)
        {
            error = FormatMessage;
            return false;
        }

        var year = match.Groups["year"].Value;
        var serial = match.Groups["serial"].Value;
        var check = match.Groups["check"].Value[0];
        if (serial.Length > 6)
        {
            error = SerialTooLongMessage;
            return false;
        }

        var checkedSerial = sf.Success ? serial : serial.PadLeft(6, '0');
        if (CheckLetter.For(year + checkedSerial) != check)
        {
            error = CheckLetterMessage;
            return false;
        }

        value = new CroNumber(sf.Success ? $"SF{year}/{serial}{check}" : $"{checkedSerial}/{year}{check}");
        error = string.Empty;
        return true;
    }

    /// <summary>The canonical form, e.g. <c>065656/91H</c> or <c>SF05/482703J</c>.</summary>
    public override string ToString() => _canonical ?? string.Empty;

    // Serials longer than 6 digits are matched only to give a precise message.
    [GeneratedRegex(@"^SF(?<year>[0-9]{2})/(?<serial>[0-9]+)(?<check>[A-Z])\z", RegexOptions.CultureInvariant)]
    private static partial Regex SfShape();

    [GeneratedRegex(@"^(?<serial>[0-9]+)/(?<year>[0-9]{2})(?<check>[A-Z])\z", RegexOptions.CultureInvariant)]
    private static partial Regex StandardShape();
}
