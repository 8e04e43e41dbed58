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
