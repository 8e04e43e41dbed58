using System.Text.Json;
using Iom.Application.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Iom.Functions.Http;

/// <summary>
/// A JSON body with a status code (and an optional Location), independent of MVC formatters. The body is a response
/// record (<see cref="IApiResponse"/>), never a stored document, so the API's shape is declared, not inherited.
/// </summary>
public sealed class JsonResponse(int statusCode, IApiResponse value, string? location = null) : IStatusCodeActionResult
{
    public int StatusCode { get; } = statusCode;

    int? IStatusCodeActionResult.StatusCode => StatusCode;
    public IApiResponse Value { get; } = value;

    /// <summary>The entity tag of the resource answered (quoted), sent as <c>ETag</c> for a later <c>If-Match</c>.</summary>
    public string? ETag { get; init; }

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

        if (ETag is not null)
        {
            response.Headers.ETag = ETag;
        }

        await JsonSerializer.SerializeAsync(response.Body, Value, Value.GetType(), ApiJson.Options, context.HttpContext.RequestAborted);
    }
}
