using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

public static class ReferenceFormat
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>PANEL-YYMMDD-XXXX: the panel, the day, and four random Crockford base-32 characters.</summary>
    public static string New(PanelCode panel, DateOnly day)
    {
        Span<char> suffix = stackalloc char[4];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{PrefixOf(panel)}-{day:yyMMdd}-{suffix}";
    }

    /// <summary>Whether <paramref name="text"/> has the shape <see cref="New"/> gives (upper case).</summary>
    public static bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-');
        return parts.Length == 3
            && Enum.GetValues<PanelCode>().Any(p => PrefixOf(p) == parts[0])
            && parts[1].Length == 6 && parts[1].All(char.IsAsciiDigit)
            && parts[2].Length == 4 && parts[2].All(c => Alphabet.Contains(c, StringComparison.Ordinal));
    }

    /// <summary>The panel a well-formed reference names.</summary>
    public static PanelCode PanelOf(string reference) =>
        Enum.GetValues<PanelCode>().First(p => PrefixOf(p) == reference.Split('-')[0]);

    /// <summary>The day a well-formed reference names.</summary>
    public static DateOnly DayOf(string reference) =>
        DateOnly.ParseExact(reference.Split('-')[1], "yyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    private static string PrefixOf(PanelCode panel) => panel == PanelCode.StrategicGroup ? "SG" : panel.ToString().ToUpperInvariant();
}
