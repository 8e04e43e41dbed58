using System.Text;
using System.Text.Json.Nodes;

namespace Iom.Functions.Tests.Fuzzing;

/// <summary>The values hostile or careless callers send: in fields, route values, query strings and headers.</summary>
public static class HostileValues
{
    /// <summary>Strings: traversal, injection, look-alikes, invisible and control characters, odd numbers and dates.</summary>
    public static IReadOnlyList<string> Strings { get; } =
    [
        "", " ", "\t", "\r\n", "null", "undefined", "NaN", "Infinity", "-1", "0", "1e309", "true", "[]", "{}",
        "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....//....//etc/passwd",
        "/etc/passwd%00.json", "\0", "a\0b", "%00", "\u0001\u0002\u001f\u007f",
        "' OR '1'='1", "1; DROP TABLE documents;--", "\" OR \"\"=\"", "'; SELECT * FROM documents WHERE '1'='1",
        "<script>alert(1)</script>", "javascript:alert(1)", "\"><img src=x onerror=alert(1)>", "</textarea><svg onload=alert(1)>",
        "{{7*7}}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "{{constructor.constructor('alert(1)')()}}",
        "$where", "{\"$gt\":\"\"}", "__proto__", "constructor", "audit-head", "listing-x", "referral-x", "reference-x",
        "D\u0430rren", "\uFF24\uFF41\uFF52\uFF52\uFF45\uFF4E", "Darren\u200B", "\u202Enerrad", "Dar\u0301ren", "\u00DF\u1E9E",
        "\u0130stanbul", "\u01C5", "\U0001F46E\u200D\u2640\uFE0F", "\uFEFF", "\uFFFD", "\uD800", "\uDC00x", "\U0010FFFF",
        "2012/0052494q", " 2012/0052494Q ", "12/52494Q", "\uFF12\uFF10\uFF11\uFF12/0052494Q", "2012/0052494Q\n",
        "%s%s%s%n", "\r\nSet-Cookie: x=1", "CON", "NUL", "aux.json", "~2F", "pnc:2012~2F0052494Q", "name-dob:QUENBY|DARREN|1994-03-02",
        "0x7fffffff", "2147483648", "-2147483649", "9223372036854775808", "1994-02-30", "0000-00-00", "9999-12-31",
        "1994-03-02T00:00:00Z", "02/03/1994", "-0001-01-01",
    ];

    /// <summary>JSON values of every type, for a field that expects some other type.</summary>
    public static JsonNode? WrongType(Random random) => random.Next(16) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
        2 => JsonNode.Parse("1e400")!.DeepClone(),
        3 => JsonValue.Create(-0.0),
        4 => JsonValue.Create(1.5),
        5 => JsonNode.Parse("9223372036854775808")!,
        6 => JsonValue.Create(random.Next(2) == 0),
        7 => new JsonArray(),
        8 => new JsonObject(),
        9 => new JsonArray(JsonValue.Create(Pick(random, Strings)), JsonValue.Create(1), null),
        10 => new JsonObject { ["$type"] = "System.IO.FileInfo", ["value"] = Pick(random, Strings) },
        11 => JsonValue.Create(long.MaxValue),
        12 => JsonValue.Create(decimal.MaxValue),
        13 => JsonNode.Parse("0.0000000000000000000000000000001")!,
        _ => JsonValue.Create(Pick(random, Strings)),
    };

    /// <summary>Field names that are not part of any request, some of them names of internal fields.</summary>
    public static IReadOnlyList<string> ExtraFieldNames { get; } =
    [
        "referringAgency", "id", "personId", "status", "matchKeys", "submittedBy", "history", "$type", "$id", "$ref",
        "__proto__", "constructor", "Person", "PERSON", "person ", "", "\u0000", "\uD800", "x".PadRight(2000, 'x'),
    ];

    public static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    /// <summary>A string of about <paramref name="length"/> characters: plain, multi-byte, or full of escapes.</summary>
    public static string LongText(Random random, int length)
    {
        var unit = random.Next(4) switch
        {
            0 => "A",
            1 => "\u00E9", // two bytes in UTF-8
            2 => "\U0001F600", // four bytes, a surrogate pair
            _ => "\"\\/",
        };
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }

    /// <summary>Nested arrays or objects, <paramref name="depth"/> deep.</summary>
    public static JsonNode Deep(Random random, int depth)
    {
        JsonNode node = JsonValue.Create("bottom");
        var arrays = random.Next(2) == 0;
        for (var i = 0; i < depth; i++)
        {
            node = arrays ? new JsonArray(node) : new JsonObject { ["a"] = node };
        }

        return node;
    }

    /// <summary>The same nesting as raw text, for depths a JsonNode tree would take long to build or print.</summary>
    public static string DeepText(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>Byte sequences that are not valid UTF-8.</summary>
    public static IReadOnlyList<byte[]> InvalidUtf8 { get; } =
    [
        [0xFF], [0xFE, 0xFF], [0xC3], [0xC3, 0x28], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82],
    ];

    /// <summary>Route values: traversal, encoded separators, NUL, look-alikes, injection, very long ids.</summary>
    public static string RouteValue(Random random) => random.Next(14) switch
    {
        0 => Escape(Pick(random, Strings)),
        1 => "..%2F..%2F..%2Fetc%2Fpasswd",
        2 => "%2e%2e",
        3 => "%00",
        4 => Hex(random, 31) + "%00",
        5 => Escape(new string('a', random.Next(100, 4000))),
        6 => Escape(new string('f', 32).ToUpperInvariant()),
        7 => $"{Hex(random, 8)}-{Hex(random, 4)}-{Hex(random, 4)}-{Hex(random, 4)}-{Hex(random, 12)}",
        8 => "%252e%252e%252f",
        9 => Escape("\u0430bcdef0123456789abcdef012345678"),
        10 => "%C0%AE%C0%AE%2F",
        11 => "%FF%FE",
        12 => Hex(random, 32),
        _ => ";x=1",
    };

    /// <summary>Lower-case hex digits: the shape of a referral id when there are 32 of them.</summary>
    public static string Hex(Random random, int length) => string.Concat(Enumerable.Range(0, length).Select(_ => "0123456789abcdef"[random.Next(16)]));

    /// <summary>Percent-encodes a value for a path segment or query, leaving only unreserved characters as they are.</summary>
    public static string Escape(string value)
    {
        // Lone surrogates cannot be encoded as UTF-8; they go as U+FFFD, as any client would send them.
        var bytes = new UTF8Encoding(false, false).GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
