using Iom.Application.Performance.Rollups;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Iom.Functions.Performance;

/// <summary>A CSV download: the bytes as written, named, never sniffed as anything else, never cached.</summary>
/// <param name="fileName">Made of a parsed period name only (digits, letters, hyphens), so it needs no escaping.</param>
public sealed class CsvFileResult(byte[] content, string fileName, string etag) : IStatusCodeActionResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = RollupCsv.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        response.Headers.ETag = etag;
        response.ContentLength = content.Length;
        await response.Body.WriteAsync(content, context.HttpContext.RequestAborted);
    }
}
