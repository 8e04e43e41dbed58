using System.Text;

namespace Iom.Domain.Identifiers;

/// <summary>The input clean-up every identifier shares: people paste with stray spaces and type in lower case.</summary>
internal static class IdentifierText
{
    /// <summary>
    /// Trims surrounding white space and upper-cases ASCII input. Non-ASCII input is returned trimmed but otherwise
    /// untouched, so it fails the ASCII-only formats: invariant upper-casing would otherwise turn look-alikes such as
    /// 'ı' or 'ſ' into the ASCII letters 'I' and 'S'.
    /// </summary>
    public static string Normalise(string? input)
    {
        var trimmed = (input ?? string.Empty).Trim();
        return Ascii.IsValid(trimmed) ? trimmed.ToUpperInvariant() : trimmed;
    }
}
