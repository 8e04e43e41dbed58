using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Iom.Functions.Http.OpenApi;

/// <summary>
/// The components/schemas of the description: each request and response record's JSON Schema as System.Text.Json
/// writes and reads it with <see cref="ApiJson.Options"/> (camelCase, enums as their wire strings, nullable as a type
/// array), exported by <see cref="JsonSchemaExporter"/> and read into the OpenAPI model, so the schema cannot differ
/// from what the serialiser does. Problem details are the one schema written here, since ASP.NET Core shapes them.
/// </summary>
internal sealed class ApiSchemas(OpenApiDocument document)
{
    public const string ProblemName = "Problem";

    private readonly Dictionary<Type, string> names = [];

    /// <summary>A reference to the type's schema, exported into the components the first time it is asked for.</summary>
    /// <param name="response">A response record: every property that is not nullable is required (null ones are left out when written).</param>
    public IOpenApiSchema Reference(Type type, bool response)
    {
        if (type == RespondsAttribute.Problem)
        {
            return Problem();
        }

        if (!names.TryGetValue(type, out var name))
        {
            name = UniqueName(type);
            names[type] = name;
            var node = ApiJson.Options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions
            {
                TreatNullObliviousAsNonNullable = true,
                TransformSchemaNode = (context, schema) =>
                    WithDescription(context, response ? AsWritten(context, WithWireNames(context, schema)) : WithWireNames(context, schema)),
            });
            var schema = new OpenApiJsonReader().ReadFragment<OpenApiSchema>(node, OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic)
                ?? throw new InvalidOperationException($"The schema of {type.Name} could not be read.");
            if (diagnostic.Errors.Count > 0)
            {
                throw new InvalidOperationException($"The schema of {type.Name}: {string.Join("; ", diagnostic.Errors.Select(e => e.Message))}");
            }

            schema.Title = name;
            document.AddComponent(name, schema);
        }

        return new OpenApiSchemaReference(name, document);
    }

    private string UniqueName(Type type)
    {
        // A component's name may hold only letters, digits and ". - _": an array body (an upload's rows) is "<Element>Array".
        var name = type.IsArray ? type.GetElementType()!.Name + "Array" : type.IsNested ? type.DeclaringType!.Name + type.Name : type.Name;
        return names.ContainsValue(name) ? type.FullName!.Replace('.', '_').Replace('+', '_') : name;
    }

    // A response is only ever written: nulls are left out, so a property is there exactly when its value may not be
    // null (the exporter requires every constructor parameter instead); and numbers are written as numbers (the
    // options also read them from strings, which is all the exporter's string branch and pattern say).
    private static JsonNode AsWritten(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is not JsonObject obj)
        {
            return schema;
        }

        if (obj["type"] is JsonArray types
            && types.Any(t => t?.GetValue<string>() is "integer" or "number") && types.Any(t => t?.GetValue<string>() == "string"))
        {
            var written = types.Select(t => t!.GetValue<string>()).Where(t => t != "string").ToList();
            obj["type"] = written.Count == 1 ? JsonValue.Create(written[0]) : new JsonArray([.. written.Select(t => (JsonNode)JsonValue.Create(t))]);
            obj.Remove("pattern");
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && obj["properties"] is JsonObject properties)
        {
            var required = properties.Where(p => !MayBeNull(p.Value)).Select(p => (JsonNode)JsonValue.Create(p.Key)).ToArray();
            obj.Remove("required");
            if (required.Length > 0)
            {
                obj["required"] = new JsonArray(required);
            }
        }

        return schema;
    }

    // An enum with declared wire names is written by the app's own converter, which the exporter cannot see into (it
    // says "anything"): its schema is the one table of wire names (WireNames), as the converter reads and writes them.
    private static JsonNode WithWireNames(JsonSchemaExporterContext context, JsonNode schema)
    {
        var type = context.TypeInfo.Type;
        var nullable = Nullable.GetUnderlyingType(type);
        var enumType = nullable ?? type;
        if (!enumType.IsEnum || !Iom.Domain.Wire.WireNames.AreDeclaredFor(enumType))
        {
            return schema;
        }

        var names = Iom.Domain.Wire.WireNames.AllOf(enumType).Select(n => (JsonNode?)JsonValue.Create(n)).ToList();
        if (nullable is not null)
        {
            names.Add(null);
        }

        return new JsonObject
        {
            ["type"] = nullable is null ? JsonValue.Create("string") : new JsonArray(JsonValue.Create("string"), JsonValue.Create("null")),
            ["enum"] = new JsonArray([.. names]),
        };
    }

    // A property whose meaning its name and type cannot say (a ward: a code, or a name that becomes one) says it in a
    // [Description] on the record, which the exporter leaves out.
    private static JsonNode WithDescription(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is JsonObject obj
            && context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), inherit: true) is [System.ComponentModel.DescriptionAttribute described, ..])
        {
            obj["description"] = described.Description;
        }

        return schema;
    }

    private static bool MayBeNull(JsonNode? schema) => schema is not JsonObject property
        || property["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null")
        || property["type"] is JsonValue type && type.GetValue<string>() == "null"
        || property["enum"] is JsonArray values && values.Any(v => v is null);

    private OpenApiSchemaReference Problem()
    {
        if (document.Components?.Schemas?.ContainsKey(ProblemName) != true)
        {
            document.AddComponent(ProblemName, new OpenApiSchema
            {
                Title = ProblemName,
                Description = "RFC 9457 problem details. The type is urn:iom:problem: and the reason (e.g. urn:iom:problem:validation); " +
                    "a validation problem names each field in error under errors; a refusal may add members of its own (e.g. contactEmail).",
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "type", "title", "status" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^" + Problems.TypePrefix.Replace(".", "\\.", StringComparison.Ordinal) },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "400", Maximum = "599" },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["correlationId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it to support: it is in the logs of the request." },
                    ["errors"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Description = "Each field in error (a JSON path such as person.pncId, a query parameter or $ for the whole body) and what is wrong with it.",
                        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                    },
                },
            });
        }

        return new OpenApiSchemaReference(ProblemName, document);
    }
}
