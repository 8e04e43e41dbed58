using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Iom.Application.Panels.Actions;

/// <summary>
/// The next-page token of a listing that merges up to four panel partitions: for each panel not yet exhausted, the
/// store's token for the page to read next and how many of that page's items were already given. Bound to the
/// listing's filters by a fingerprint, so a token from another listing is refused, not misread; URL-safe.
/// </summary>
public sealed record ActionContinuation(IReadOnlyDictionary<string, ActionContinuation.Position> Panels)
{
    /// <param name="Token">The store's continuation for the page to read (null: the panel's first page).</param>
    /// <param name="Skip">How many items at the start of that page were given already.</param>
    public sealed record Position(string? Token, int Skip);

    public string Encode(string fingerprint) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Envelope(fingerprint, Panels.ToDictionary(p => p.Key, p => p.Value))));

    /// <returns>The positions, or null when the token is malformed or belongs to another listing.</returns>
    public static ActionContinuation? TryDecode(string text, string fingerprint)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(Base64Url.DecodeFromChars(text));
            return envelope is { F: { } f, P: { } p } && f == fingerprint
                && p.Values.All(v => v is not null && v.Skip is >= 0 and <= Ports.Documents.DocumentQuery.MaxPageSize)
                ? new ActionContinuation(p)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>What a token is bound to: the listing's owner, status and overdue filters, panel and page size.</summary>
    public static string FingerprintOf(params object?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(parts))))[..16];

    private sealed record Envelope(string F, Dictionary<string, Position> P);
}
