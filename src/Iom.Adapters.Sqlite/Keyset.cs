using System.Text.Json;
using Iom.Application.Ports.Documents;

namespace Iom.Adapters.Sqlite;

/// <summary>Where a query's page ended: the last document's ordered value and id; the next page starts after it.</summary>
internal sealed record Keyset(object? Value, string Id)
{
    public override string ToString() => JsonSerializer.Serialize(new object?[] { Value, Id });

    public static Keyset? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var items = json.RootElement.EnumerateArray().ToArray();
            object? value = items[0].ValueKind switch
            {
                JsonValueKind.String => items[0].GetString(),
                JsonValueKind.Number => items[0].GetInt64(),
                JsonValueKind.Null => null,
                _ => throw new InvalidContinuationException(),
            };
            return new Keyset(value, items[1].GetString() ?? throw new InvalidContinuationException());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidContinuationException(e);
        }
    }
}
