using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Iom.Application.Ports.Documents;

/// <summary>
/// The token both adapters hand out: their own position (a keyset, the Cosmos SDK's token) bound to the query that
/// gave it, URL-safe. A token from another query (another panel, other filters) or altered is refused, not misread.
/// </summary>
public static class ContinuationToken
{
    public static string Wrap(DocumentQuery query, string kind, string position)
    {
        ArgumentNullException.ThrowIfNull(query);
        var json = JsonSerializer.SerializeToUtf8Bytes(new Envelope(Fingerprint(query, kind), position));
        return Base64Url.EncodeToString(json);
    }

    /// <returns>The adapter's position, or null when the query has no token (its first page).</returns>
    /// <exception cref="InvalidContinuationException">The token is malformed or belongs to another query.</exception>
    public static string? Unwrap(DocumentQuery query, string kind)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Continuation is null)
        {
            return null;
        }

        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(Base64Url.DecodeFromChars(query.Continuation));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new InvalidContinuationException(e);
        }

        return envelope is { Q: { } q, P: { } p } && q == Fingerprint(query, kind) ? p : throw new InvalidContinuationException();
    }

    private static string Fingerprint(DocumentQuery query, string kind)
    {
        var text = JsonSerializer.Serialize(new object?[]
        {
            query.Container, query.Partition, kind, query.OrderBy,
            query.Filters.Select(f => new object[] { f.Field, f.Operator.ToString(), f.Value.GetType().Name, Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture)! }),
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private sealed record Envelope(string Q, string P);
}
