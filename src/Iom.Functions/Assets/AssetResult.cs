using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Iom.Functions.Assets;

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
