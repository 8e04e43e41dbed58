using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;

namespace Iom.Functions.Http.OpenApi;

/// <summary>
/// The OpenAPI 3.1 description of every HTTP function, generated from the function catalog (routes, verbs, the
/// declared policy), the declarations beside each function (<see cref="RespondsAttribute"/>,
/// <see cref="AcceptsAttribute"/>, <see cref="QueryParameterAttribute"/>) and the request and response records
/// (<see cref="ApiSchemas"/>). What the pipeline answers for every function is added here from its policy, so a new
/// function declares only what it answers itself. Holds no personal data: it is the same for everyone.
/// </summary>
public sealed class OpenApiDescription
{
    public const string SecuritySchemeName = "appServiceAuthentication";

    /// <summary>The extensions that say who may call an operation, as the policy attributes declare it.</summary>
    public const string RolesExtension = "x-iom-roles";

    public const string PurposeExtension = "x-iom-purpose";

    public const string RateLimitExtension = "x-iom-rate-limit";

    public const string BrowserPageExtension = "x-iom-browser-page";

    /// <summary>The signing caller a <c>[SignedBy]</c> operation admits instead of a signed-in person.</summary>
    public const string SignedByExtension = "x-iom-signed-by";

    private const string Json = "application/json";

    private static readonly Lazy<OpenApiDescription> App = new(() => new OpenApiDescription(FunctionCatalog.ForApp()));

    public OpenApiDescription(FunctionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Document = Build(catalog);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Document.SerializeAsV31(new OpenApiJsonWriter(text));
        Json31 = Encoding.UTF8.GetBytes(text.ToString());
        Version = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Json31))[..16];
    }

    /// <summary>The description of the app's own functions (built once).</summary>
    public static OpenApiDescription ForApp() => App.Value;

    public OpenApiDocument Document { get; }

    /// <summary>The document as OpenAPI 3.1 JSON, UTF-8.</summary>
    public byte[] Json31 { get; }

    /// <summary>A hash of <see cref="Json31"/>: the ETag it is served with.</summary>
    public string Version { get; }

    /// <summary>The path an HTTP function is described under: its route under /api, constraints and catch-all marks left out.</summary>
    public static string PathOf(HttpFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var pattern = RoutePatternFactory.Parse(function.Route);
        var segments = pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return $"/{FunctionCatalog.RoutePrefix}/{string.Join('/', segments)}";
    }

    /// <summary>The operation id of a function for a method: its name, or name and method when it takes several.</summary>
    public static string OperationIdOf(HttpFunction function, string method)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(method);
        return function.Verbs.Count == 1 ? function.Name : $"{function.Name}_{method.ToLowerInvariant()}";
    }

    private static OpenApiDocument Build(FunctionCatalog catalog)
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "IOM Functions",
                Version = typeof(OpenApiDescription).Assembly.GetName().Version?.ToString() ?? "1.0.0",
                Description = "Integrated Offender Management: referrals, panels and the Data Protection Act audit log. " +
                    "Callers are signed in by App Service Authentication (Entra ID); each operation names the roles that may call it (" +
                    RolesExtension + ") and the purpose recorded in the audit log (" + PurposeExtension + "). Every refusal is RFC 9457 problem details. " +
                    "Generated from the function catalog and the response records.",
            },
            Paths = [],
            Components = new OpenApiComponents(),
        };
        document.AddComponent<IOpenApiSecurityScheme>(SecuritySchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Iom.Application.Identity.ClientPrincipal.HeaderName,
            Description = "Set by App Service Authentication (Entra ID) from the caller's sign-in, never by the caller: the app trusts it only " +
                "behind a front end that enforces sign-in. Roles are the app roles of the caller's token.",
        });

        var schemas = new ApiSchemas(document);
        foreach (var function in catalog.Http.OrderBy(f => PathOf(f), StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            var path = PathOf(function);
            if (!document.Paths.TryGetValue(path, out var item))
            {
                item = new OpenApiPathItem();
                document.Paths[path] = item;
            }

            foreach (var verb in function.Verbs)
            {
                ((OpenApiPathItem)item).AddOperation(new HttpMethod(verb), Operation(document, schemas, function, verb));
            }
        }

        return document;
    }

    private static OpenApiOperation Operation(OpenApiDocument document, ApiSchemas schemas, HttpFunction function, string verb)
    {
        var method = function.Method;
        var policy = function.Policy;
        var accepts = method.GetCustomAttributes<AcceptsAttribute>().ToList();
        var operation = new OpenApiOperation
        {
            OperationId = OperationIdOf(function, verb),
            Summary = function.Name,
            Parameters = [.. RouteParameters(function), .. QueryParameters(method)],
            Responses = [],
            Extensions = new Dictionary<string, IOpenApiExtension>(),
        };

        if (accepts.Count > 0)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = accepts.ToDictionary(a => a.ContentType, IOpenApiMediaType (a) =>
                    new OpenApiMediaType { Schema = a.Body is { } body ? schemas.Reference(body, response: false) : new OpenApiSchema { Type = JsonSchemaType.Object } }),
            };
        }

        if (policy is { Signer: { } signedBy })
        {
            operation.Extensions[SignedByExtension] = new JsonNodeExtension(JsonValue.Create(signedBy.Name));
            operation.Description = $"Signed callers only ({signedBy.Name}): no sign-in; the signature over the raw body is checked before anything is read or written.";
        }
        else if (policy is { Anonymous: false })
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [] }];
            operation.Extensions[RolesExtension] = new JsonNodeExtension(new JsonArray([.. policy.Roles.Order(StringComparer.Ordinal).Select(r => (JsonNode)JsonValue.Create(r))]));
            if (policy.Purpose is { } purpose)
            {
                operation.Extensions[PurposeExtension] = new JsonNodeExtension(JsonValue.Create(purpose));
            }

            if (policy.RateLimited is { } bucket)
            {
                operation.Extensions[RateLimitExtension] = new JsonNodeExtension(JsonValue.Create(bucket));
            }

            operation.Description = $"Roles: {string.Join(", ", policy.Roles.Order(StringComparer.Ordinal))}." +
                (policy.Purpose is null ? "" : $" Audited with the purpose \"{policy.Purpose}\".");
        }
        else
        {
            operation.Description = "Anonymous: anyone may call it.";
        }

        if (policy is { BrowserPage: true })
        {
            operation.Extensions[BrowserPageExtension] = new JsonNodeExtension(JsonValue.Create(true));
        }

        foreach (var (status, declared) in Responses(function, accepts))
        {
            var response = new OpenApiResponse { Description = declared.Description, Content = new Dictionary<string, IOpenApiMediaType>() };
            foreach (var (contentType, bodies) in declared.Bodies)
            {
                var schemasOfBodies = bodies.Distinct().Select(b => schemas.Reference(b, response: true)).ToList();
                response.Content[contentType] = new OpenApiMediaType
                {
                    Schema = schemasOfBodies.Count switch
                    {
                        0 => null,
                        1 => schemasOfBodies[0],
                        _ => new OpenApiSchema { AnyOf = schemasOfBodies },
                    },
                };
            }

            if (status is StatusCodes.Status303SeeOther or StatusCodes.Status201Created)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader> { ["Location"] = new OpenApiHeader { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } };
            }
            else if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = new OpenApiHeader { Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } } };
            }

            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = response;
        }

        return operation;
    }

    private sealed record DeclaredResponse(string Description, Dictionary<string, List<Type>> Bodies);

    /// <summary>What the function declares, then what the pipeline answers for a function with its policy.</summary>
    private static SortedDictionary<int, DeclaredResponse> Responses(HttpFunction function, IReadOnlyList<AcceptsAttribute> accepts)
    {
        var responses = new SortedDictionary<int, DeclaredResponse>();
        void Add(int status, string? contentType, Type? body, string description)
        {
            if (!responses.TryGetValue(status, out var response))
            {
                response = new DeclaredResponse(description, []);
                responses[status] = response;
            }

            contentType ??= body == RespondsAttribute.Problem ? ProblemResult.ContentType : body is null ? null : Json;
            if (contentType is not null)
            {
                if (!response.Bodies.TryGetValue(contentType, out var bodies))
                {
                    bodies = [];
                    response.Bodies[contentType] = bodies;
                }

                if (body is not null)
                {
                    bodies.Add(body);
                }
            }
        }

        void Problem(int status, string description) => Add(status, null, RespondsAttribute.Problem, description);

        foreach (var declared in function.Method.GetCustomAttributes<RespondsAttribute>())
        {
            Add(declared.Status, declared.ContentType, declared.Body, declared.Description ?? DefaultDescription(declared.Status));
        }

        var policy = function.Policy;
        var limit = policy?.MaxBodyBytes ?? RequestBody.MaxBytes;
        Problem(StatusCodes.Status413PayloadTooLarge, limit % (1024 * 1024) == 0
            ? $"The request body is over {limit / (1024 * 1024)} MiB ({limit} bytes)."
            : $"The request body is over {limit / 1024} KiB.");
        Problem(StatusCodes.Status500InternalServerError, "Something failed unexpectedly; the correlation id is logged.");
        // A declared budget ([TimeBudget]) is part of the contract, as a declared body limit is.
        Problem(StatusCodes.Status503ServiceUnavailable, policy?.RequestTimeout is { } own
            ? $"The request ran out of its time budget (this endpoint's own, {(int)own.TotalSeconds} s), or a write's outcome could not be confirmed; retry after Retry-After."
            : "The request ran out of its time budget, or a write's outcome could not be confirmed; retry after Retry-After.");
        if (policy is { Signer: { } signer })
        {
            Problem(StatusCodes.Status401Unauthorized, $"Not signed by the caller this admits ({signer.Name}): no or a malformed signature, one that does not match the body, a timestamp more than five minutes from now, or no key configured.");
        }
        else if (policy is { Anonymous: false })
        {
            Problem(StatusCodes.Status400BadRequest, "The request is not valid (including a stated purpose, X-IOM-Purpose, that is not plain text).");
            Problem(StatusCodes.Status401Unauthorized, "Not signed in, or not by the configured identity provider and tenant.");
            Problem(StatusCodes.Status403Forbidden, "The caller has none of the roles that may call this.");
        }

        if (policy is { BrowserPage: true })
        {
            Add(StatusCodes.Status303SeeOther, null, null, "A browser that is not signed in is sent to sign in (Location) and brought back.");
        }

        if (policy is { RateLimited: not null })
        {
            Problem(StatusCodes.Status429TooManyRequests, "Over the caller's allowance for this kind of request; retry after Retry-After.");
        }

        if (policy is { Objects: not null })
        {
            Problem(StatusCodes.Status404NotFound, "There is no such object, or it is not one the caller may reach.");
        }

        if (accepts.Count > 0)
        {
            Problem(StatusCodes.Status400BadRequest, "The body is not valid.");
            Problem(StatusCodes.Status408RequestTimeout, policy?.BodyReadTimeout is { } bodyTime
                ? $"The request body arrived too slowly (this endpoint allows it {(int)bodyTime.TotalSeconds} s)."
                : "The request body arrived too slowly.");
            Problem(StatusCodes.Status415UnsupportedMediaType, $"The body is not {string.Join(" or ", accepts.Select(a => a.ContentType))}.");
        }

        return responses;
    }

    private static string DefaultDescription(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : status.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<IOpenApiParameter> RouteParameters(HttpFunction function)
    {
        var pattern = RoutePatternFactory.Parse(function.Route);
        foreach (var parameter in pattern.Parameters)
        {
            var schema = new OpenApiSchema { Type = JsonSchemaType.String };
            var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").Where(c => c.Length > 0).ToList();
            foreach (var constraint in constraints)
            {
                Constrain(schema, constraint);
            }

            yield return new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = schema,
                Description = (parameter.IsCatchAll ? "The rest of the path (it may contain /)." : "")
                    + (constraints.Count > 0 ? $" Route constraint: {string.Join(", ", constraints)}." : ""),
            };
        }
    }

    // The inline constraints the routes use, as JSON Schema; any other is named in the description only.
    private static void Constrain(OpenApiSchema schema, string constraint)
    {
        var open = constraint.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? constraint : constraint[..open];
        var arguments = open < 0 ? [] : constraint[(open + 1)..^1].Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        switch (name, arguments.Length)
        {
            case ("length", 1):
                schema.MinLength = arguments[0];
                schema.MaxLength = arguments[0];
                break;
            case ("length", 2):
                schema.MinLength = arguments[0];
                schema.MaxLength = arguments[1];
                break;
            case ("minlength", 1):
                schema.MinLength = arguments[0];
                break;
            case ("maxlength", 1):
                schema.MaxLength = arguments[0];
                break;
            case ("int", 0):
                schema.Type = JsonSchemaType.Integer;
                schema.Format = "int32";
                break;
            case ("guid", 0):
                schema.Format = "uuid";
                break;
        }
    }

    private static IEnumerable<IOpenApiParameter> QueryParameters(MethodInfo method) =>
        method.GetCustomAttributes<QueryParameterAttribute>().Select(q => (IOpenApiParameter)new OpenApiParameter
        {
            Name = q.Name,
            In = ParameterLocation.Query,
            Required = q.Required,
            Description = q.Description,
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = q.Format,
                Enum = q.Values?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
            },
        });
}
