using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Assets;

/// <summary>Serves the pages' CSS, JavaScript, fonts and images. Anonymous: they hold nothing but the design system.</summary>
public sealed class AssetFunction(StaticAssets assets)
{
    [Function("Assets")]
    [Responds(StatusCodes.Status200OK, ContentType = "*/*", Description = "The asset (CSS, JavaScript, a font or an image).")]
    [Responds(StatusCodes.Status304NotModified, Description = "The caller's copy (If-None-Match) is current.")]
    [Responds(StatusCodes.Status404NotFound, typeof(ProblemDetails))]
    [Anonymous]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{*path}")] HttpRequest request, string? path) =>
        assets.Find(path) is { } asset ? new AssetResult(asset, request.Query["v"] == asset.Version) : Problems.NotFound();
}

/// <summary>
/// One asset. Asked for by its current version (as every page links it) it may be cached for a year; asked for
/// without one (e.g. the module import in init.mjs) it is revalidated by ETag each time.
/// </summary>
public sealed class AssetResult(StaticAsset asset, bool versioned) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        var etag = $"\"{asset.Version}\"";
        response.Headers.ContentType = asset.ContentType;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ETag = etag;
        response.Headers.CacheControl = versioned ? "public, max-age=31536000, immutable" : "no-cache";
        if (request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Tag == etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = asset.Content.Length;
        await response.Body.WriteAsync(asset.Content, context.HttpContext.RequestAborted);
    }
}
