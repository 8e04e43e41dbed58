using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Iom.Functions.Http.OpenApi;

/// <summary>The description's JSON, with an ETag of its content; an hour's caching, since it changes only with a deployment.</summary>
public sealed class OpenApiResult(OpenApiDescription description) : IStatusCodeActionResult
{
    public const string CacheControl = "public, max-age=3600";

    int? IStatusCodeActionResult.StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        var etag = $"\"{description.Version}\"";
        response.Headers.ETag = etag;
        response.Headers.CacheControl = CacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        if (request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Tag == etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = description.Json31.Length;
        await response.Body.WriteAsync(description.Json31, context.HttpContext.RequestAborted);
    }
}
