using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Iom.Functions.Http;

/// <summary>RFC 9457 problem details, written the same way by the worker and the local host.</summary>
public sealed class ProblemResult(ProblemDetails problem) : IActionResult
{
    public const string ContentType = "application/problem+json";

    public ProblemDetails Problem { get; } = problem;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = Problem.Status ?? StatusCodes.Status500InternalServerError;
        response.ContentType = ContentType;
        // Problem responses are about this request only; never cache them.
        response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(response.Body, Problem, Problem.GetType(), ApiJson.Options, context.HttpContext.RequestAborted);
    }
}
