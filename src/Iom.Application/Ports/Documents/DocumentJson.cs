using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Iom.Application.Ports.Documents;

/// <summary>The one JSON shape for stored documents, whichever adapter stores them.</summary>
public static class DocumentJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    public static T FromElement<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"A stored {typeof(T).Name} was null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new WireNameEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
