using System.Buffers.Text;
using System.Text.Json;

namespace Iom.Application.Ports.Documents;

/// <summary>
/// The position both change feed adapters hand out: their own (a sequence number, the Cosmos SDK's continuation token)
/// bound to the container it was read from, URL-safe, so a position stored for one container is refused by another
/// instead of being misread.
/// </summary>
public static class ChangePosition
{
    /// <param name="position">The adapter's position; null for the beginning of the feed.</param>
    public static string Wrap(string container, string? position)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Envelope(container, position)));
    }

    /// <returns>The adapter's position, or null for the beginning.</returns>
    /// <exception cref="InvalidContinuationException">Malformed, or given for another container.</exception>
    public static string? Unwrap(string container, string? after)
    {
        if (after is null)
        {
            return null;
        }

        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(Base64Url.DecodeFromChars(after));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new InvalidContinuationException(e);
        }

        return envelope is { C: { } c } && c == container ? envelope.P : throw new InvalidContinuationException();
    }

    /// <summary>Checks a read's arguments the same way in both adapters.</summary>
    public static void Validate(string container, IReadOnlyCollection<string>? kinds, int maxItems)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxItems, DocumentChangePage.MaxItems);
        if (kinds is { Count: 0 })
        {
            throw new ArgumentException("An empty list of kinds would match nothing; pass null for every kind.", nameof(kinds));
        }
    }

    private sealed record Envelope(string C, string? P);
}
