using System.Text.Json;
using System.Text.Json.Serialization;
using Iom.Domain.Wire;

namespace Iom.Application.Ports.Documents;

/// <summary>
/// Writes and reads enums by their <see cref="WireNameAttribute"/> names, exactly: no numbers, no member names, no
/// case folding, so what is accepted is what the docs and the validators list. Enums that name no members (none that
/// cross the wire: a test checks) keep the kebab-case names they were always written with.
/// </summary>
public sealed class WireNameEnumConverter : JsonConverterFactory
{
    private static readonly JsonStringEnumConverter Unnamed = new(JsonNamingPolicy.KebabCaseLower);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        WireNames.AreDeclaredFor(typeToConvert)
            ? (JsonConverter)Activator.CreateInstance(typeof(Named<>).MakeGenericType(typeToConvert))!
            : Unnamed.CreateConverter(typeToConvert, options);

    private sealed class Named<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw Invalid();

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(WireNames.Of(value));

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(WireNames.Of(value));

        private static TEnum Parse(string? text) => WireNames.TryParse<TEnum>(text, out var value) ? value : throw Invalid();

        private static JsonException Invalid() =>
            new($"Expected one of {string.Join(", ", WireNames.All<TEnum>())} for {typeof(TEnum).Name}.");
    }
}
