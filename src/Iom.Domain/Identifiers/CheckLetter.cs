using System.Globalization;

namespace Iom.Domain.Identifiers;

/// <summary>The mod-23 check letter shared by PNC IDs and CRO numbers.</summary>
internal static class CheckLetter
{
    // 23 letters: I, O and S are left out because they are easily mistaken for 1, 0 and 5.
    private const string Alphabet = "ZABCDEFGHJKLMNPQRTUVWXY";

    /// <summary>The check letter for a run of ASCII digits (at most 9 here, so a long never overflows).</summary>
    public static char For(string digits) => Alphabet[(int)(long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) % 23)];
}
