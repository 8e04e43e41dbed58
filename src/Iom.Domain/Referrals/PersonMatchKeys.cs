using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Iom.Domain.Identifiers;

namespace Iom.Domain.Referrals;

/// <summary>
/// The keys under which a person is recognised again: one per identifier held, plus one for names and date of
/// birth. Two people are taken to be the same person when they share any key.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Identifiers use their canonical forms, so short and long PNC forms, case and spacing all give one key:
/// <c>pnc:2012/0052494Q</c>, <c>cro:065656/91H</c>, <c>noms:A1234BC</c>, <c>crn:X123456</c>.</item>
/// <item>Names and date of birth give <c>name-dob:{FAMILY}|{GIVEN}|{yyyy-MM-dd}</c> with both names passed through
/// <see cref="NormaliseName"/>. The whole given name is used (middle names included): no nicknames, no fuzzy match.</item>
/// </list>
/// A key may hold '/' (PNC, CRO): use <see cref="ToDocumentId"/> to store it as a Cosmos document id.
/// </remarks>
public static class PersonMatchKeys
{
    private const char Escape = '~';

    // Straight and curly apostrophes, the modifier letter and the grave/acute accents people type in their place.
    private const string Apostrophes = "'\u2019\u2018\u02BC`\u00B4";

    // Letters that carry no combining mark to strip, folded as English-language records usually spell them.
    private static readonly FrozenDictionary<Rune, string> LetterFolds = new Dictionary<Rune, string>
    {
        [new Rune('ß')] = "SS",
        [new Rune('ẞ')] = "SS",
        [new Rune('Æ')] = "AE",
        [new Rune('Œ')] = "OE",
        [new Rune('Ø')] = "O",
        [new Rune('Ł')] = "L",
        [new Rune('Đ')] = "D",
        [new Rune('Ð')] = "D",
        [new Rune('Þ')] = "TH",
    }.ToFrozenDictionary();

    /// <summary>The person's match keys: identifiers in the order PNC, CRO, NOMS, CRN, then names and date of birth.</summary>
    /// <remarks>The name key is left out when either name has no letters or digits left after normalising.</remarks>
    /// <exception cref="ArgumentException">An identifier is <c>default</c> rather than parsed.</exception>
    public static IReadOnlyList<string> For(
        string givenName,
        string familyName,
        DateOnly dob,
        PncId? pnc,
        CroNumber? cro,
        PrisonNumber? noms,
        CaseReferenceNumber? crn)
    {
        var keys = new List<string>(5);
        AddIdentifier(keys, "pnc", pnc?.ToString(), nameof(pnc));
        AddIdentifier(keys, "cro", cro?.ToString(), nameof(cro));
        AddIdentifier(keys, "noms", noms?.ToString(), nameof(noms));
        AddIdentifier(keys, "crn", crn?.ToString(), nameof(crn));

        var family = NormaliseName(familyName);
        var given = NormaliseName(givenName);
        if (family.Length > 0 && given.Length > 0)
        {
            keys.Add(string.Create(CultureInfo.InvariantCulture, $"name-dob:{family}|{given}|{dob:yyyy-MM-dd}"));
        }

        return keys;
    }

    /// <summary>
    /// A name as it is compared: accents removed (<c>Zoë</c> = <c>ZOE</c>, <c>Ø</c> = <c>O</c>, <c>ß</c> = <c>SS</c>),
    /// upper case, apostrophes dropped so the parts join (<c>O'Brien</c> = <c>O’Brien</c> = <c>OBRIEN</c>), and any
    /// other run of punctuation or white space made one space (<c>Smith-Jones</c> = <c>Smith  Jones</c> =
    /// <c>SMITH JONES</c>, but not <c>SMITHJONES</c>), trimmed.
    /// </summary>
    /// <remarks>
    /// Compatibility forms are folded too (full-width letters, ligatures). Other scripts are upper-cased and lose
    /// their combining marks the same way (Й = И) but are not transliterated. Invisible and control characters
    /// separate like punctuation, so a name can never carry the key's '|' or a character a document id forbids.
    /// </remarks>
    public static string NormaliseName(string? name)
    {
        // Enumerating runes also turns a lone surrogate (possible in JSON input) into U+FFFD, which Normalize accepts.
        var withoutApostrophes = new StringBuilder();
        foreach (var rune in (name ?? string.Empty).EnumerateRunes())
        {
            if (!(rune.IsBmp && Apostrophes.Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                withoutApostrophes.Append(rune.ToString());
            }
        }

        var builder = new StringBuilder(withoutApostrophes.Length);
        var pendingSpace = false;
        foreach (var rune in withoutApostrophes.ToString().Normalize(NormalizationForm.FormKD).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                // The accents that FormKD split off their letters.
                continue;
            }

            if (!Rune.IsLetterOrDigit(rune) && category is not (UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            var upper = Rune.ToUpperInvariant(rune);
            builder.Append(LetterFolds.TryGetValue(upper, out var folded) ? folded : upper.ToString());
        }

        return builder.ToString();
    }

    /// <summary>
    /// A key made safe as a Cosmos DB document id, which may not hold '/', '\', '?' or '#': each of those, the escape
    /// character '~' itself and any control character becomes '~' and two upper-case hex digits
    /// (<c>pnc:2012/0052494Q</c> → <c>pnc:2012~2F0052494Q</c>). Every other character is kept, so ids stay readable
    /// and <see cref="FromDocumentId"/> gives the key back.
    /// </summary>
    public static string ToDocumentId(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '?' or '#' or Escape || char.IsControl(c))
            {
                builder.Append(Escape).Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The key a document id was made from by <see cref="ToDocumentId"/>.</summary>
    /// <exception cref="FormatException">A '~' is not followed by two hex digits.</exception>
    public static string FromDocumentId(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var builder = new StringBuilder(documentId.Length);
        for (var i = 0; i < documentId.Length; i++)
        {
            if (documentId[i] != Escape)
            {
                builder.Append(documentId[i]);
                continue;
            }

            if (i + 2 >= documentId.Length
                || !byte.TryParse(documentId.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw new FormatException($"\"{documentId}\" has a '{Escape}' at {i} that is not followed by two hex digits");
            }

            builder.Append((char)code);
            i += 2;
        }

        return builder.ToString();
    }

    /// <summary>The match key of one parsed identifier, as <see cref="For"/> makes it: e.g. <c>pnc:2012/0052494Q</c>.</summary>
    public static string OfPnc(PncId pnc) => IdentifierKey("pnc", pnc.ToString(), nameof(pnc));

    /// <inheritdoc cref="OfPnc"/>
    public static string OfCro(CroNumber cro) => IdentifierKey("cro", cro.ToString(), nameof(cro));

    /// <inheritdoc cref="OfPnc"/>
    public static string OfNoms(PrisonNumber noms) => IdentifierKey("noms", noms.ToString(), nameof(noms));

    /// <inheritdoc cref="OfPnc"/>
    public static string OfCrn(CaseReferenceNumber crn) => IdentifierKey("crn", crn.ToString(), nameof(crn));

    private static void AddIdentifier(List<string> keys, string prefix, string? canonical, string parameter)
    {
        if (canonical is not null)
        {
            keys.Add(IdentifierKey(prefix, canonical, parameter));
        }
    }

    private static string IdentifierKey(string prefix, string canonical, string parameter) =>
        canonical.Length > 0 ? $"{prefix}:{canonical}" : throw new ArgumentException("A default identifier is not an identifier: parse it, or pass null", parameter);
}
