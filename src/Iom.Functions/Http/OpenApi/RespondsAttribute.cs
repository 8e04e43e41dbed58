namespace Iom.Functions.Http.OpenApi;

/// <summary>
/// A status the function itself can answer with, and its body: a response record (<c>IApiResponse</c>), problem
/// details (<see cref="Problem"/>) or none. Declared beside the function so the OpenAPI description
/// (<see cref="OpenApiDescription"/>) is generated from the code; what the pipeline adds to every function (401, 403,
/// 413, 503 and the rest) is not repeated here. A status declared twice with different bodies means either.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RespondsAttribute(int status, Type? body = null) : Attribute
{
    /// <summary>The body type that stands for RFC 9457 problem details: <c>[Responds(404, typeof(ProblemDetails))]</c>.</summary>
    public static readonly Type Problem = typeof(Microsoft.AspNetCore.Mvc.ProblemDetails);

    public int Status { get; } = status;

    public Type? Body { get; } = body;

    /// <summary>The media type: application/json for a record, application/problem+json for a problem, else as given (text/html for pages).</summary>
    public string? ContentType { get; init; }

    public string? Description { get; init; }
}
