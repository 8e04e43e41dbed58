using Iom.Application.Api;
using Iom.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Iom.Functions.Panels;

/// <summary>A <see cref="JsonResponse"/> with the <c>ETag</c> a later change sends back in <c>If-Match</c>.</summary>
public sealed class ETaggedJsonResponse(int statusCode, IApiResponse value, string etag) : IStatusCodeActionResult
{
    private readonly JsonResponse body = new(statusCode, value);

    public int StatusCode => body.StatusCode;

    int? IStatusCodeActionResult.StatusCode => StatusCode;

    public string ETag { get; } = etag;

    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.Headers.ETag = ETag;
        return body.ExecuteResultAsync(context);
    }
}
