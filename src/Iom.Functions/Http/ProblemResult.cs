using System.Text.Json;
using Iom.Application.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

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

/// <summary>
/// A JSON body with a status code (and an optional Location), independent of MVC formatters. The body is a response
/// record (<see cref="IApiResponse"/>), never a stored document, so the API's shape is declared, not inherited.
/// </summary>
public sealed class JsonResponse(int statusCode, IApiResponse value, string? location = null) : IStatusCodeActionResult
{
    public int StatusCode { get; } = statusCode;

    int? IStatusCodeActionResult.StatusCode => StatusCode;
    public IApiResponse Value { get; } = value;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        await JsonSerializer.SerializeAsync(response.Body, Value, Value.GetType(), ApiJson.Options, context.HttpContext.RequestAborted);
    }
}
