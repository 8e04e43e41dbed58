using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Json.Schema;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Tests.LocalHost;

/// <summary>
/// Checks a response of the app against its OpenAPI description (<see cref="OpenApiDescription.ForApp"/>): the
/// operation is found as the host routes the request (the catalog's route templates and methods; no match is the
/// catch-all's), its status must be declared, and a JSON body must be of a declared media type and valid against the
/// declared schema (JSON Schema 2020-12, as OpenAPI 3.1 uses). Requests the app's own functions do not serve (test
/// probes, the local host's development pages) are not checked.
/// </summary>
public sealed class OpenApiConformance(FunctionRoutes routes)
{
    private static readonly JsonNode Description = JsonNode.Parse(OpenApiDescription.ForApp().Json31)!;

    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();

    private static readonly FunctionCatalog App = FunctionCatalog.ForApp();

    /// <returns>What does not conform; null when it does, or when the response is not one of the app's functions'.</returns>
    public string? Mismatch(string method, PathString path, int status, string? contentType, string? body)
    {
        if (!path.StartsWithSegments("/" + FunctionCatalog.RoutePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var function = Serving(method, path);
        if (function is null || App.FindHttp(function.Name) is not { } described)
        {
            return null;
        }

        var verb = described.Verbs.Contains(method, StringComparer.OrdinalIgnoreCase) ? method : described.Verbs[0];
        var where = $"{method} {path} ({OpenApiDescription.OperationIdOf(described, verb)}) answered {status}";
        var operation = Description["paths"]?[OpenApiDescription.PathOf(described)]?[verb.ToLowerInvariant()];
        if (operation is null)
        {
            return $"{where}: the operation is not in the description";
        }

        if (operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject response)
        {
            return $"{where}: the status is not in the description";
        }

        var mediaType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType).MediaType;
        if (mediaType is null || !(mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var content = response["content"] as JsonObject;
        var media = content?[mediaType] ?? content?["*/*"];
        if (media is null)
        {
            return $"{where} with {mediaType}: the description gives that status no {mediaType} body";
        }

        if (media["schema"] is not JsonNode schema || method == "HEAD")
        {
            return null;
        }

        var key = $"{described.Name} {verb} {status} {mediaType}";
        var validator = Schemas.GetOrAdd(key, _ => SchemaOf(schema));
        var result = validator.Evaluate(JsonNode.Parse(body ?? "null"), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return null;
        }

        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Take(10);
        return $"{where}: the body does not match the described schema: {string.Join("; ", errors)}\n{body}";
    }

    private HttpFunction? Serving(string method, PathString path)
    {
        var matching = routes.Matching(path);
        var serving = matching.FirstOrDefault(f => f.AnyMethod || f.Verbs.Contains(method, StringComparer.OrdinalIgnoreCase));
        // No route, or not for this method: the catch-all answers (404 or 405), as in both hosts.
        return serving ?? App.FindHttp(FallbackFunction.Name);
    }

    // The response's schema on its own, with the description's components as its $defs so its references resolve.
    private static JsonSchema SchemaOf(JsonNode schema)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = Description["components"]?["schemas"]?.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        return JsonSchema.FromText(root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
    }
}
