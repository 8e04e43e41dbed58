using System.Security.Cryptography;
using System.Text.Json;
using Iom.Application.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Iom.Functions.Http;

/// <summary>
/// A JSON answer that is the same for every caller until configuration changes (no personal data, nothing per caller):
/// an ETag of its bytes, so a client revalidates with <c>If-None-Match</c> and gets 304 without the body. Cached
/// privately only, since only signed-in callers may read it; a shared cache must not serve it to anyone.
/// </summary>
public sealed class CacheableJsonResult : IStatusCodeActionResult
{
    public const string CacheControl = "private, max-age=300";

    private readonly byte[] body;

    public CacheableJsonResult(IApiResponse value)
    {
        ArgumentNullException.ThrowIfNull(value);
        body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), ApiJson.Options);
        // Strong: the same bytes, the same tag, on every instance of the app.
        ETag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";
    }

    /// <summary>The quoted entity tag of the body.</summary>
    public string ETag { get; }

    int? IStatusCodeActionResult.StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        response.Headers.ETag = ETag;
        response.Headers.CacheControl = CacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        // Weak comparison, as RFC 9110 asks of If-None-Match: W/"x" matches "x"; * matches any current representation.
        if (request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Tag == "*" || tag.Tag == ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }
}
