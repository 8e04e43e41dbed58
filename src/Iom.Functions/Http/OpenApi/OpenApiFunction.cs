using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Http.OpenApi;

/// <summary>
/// The OpenAPI 3.1 description of the app (<see cref="OpenApiDescription"/>). Anonymous and cacheable: it is generated
/// from the code alone, the same for every caller, and holds no personal data.
/// </summary>
public sealed class OpenApiFunction
{
    // Built once for the app (the Lazy in ForApp); a function class so both hosts construct it as they do the others.
    private readonly OpenApiDescription description = OpenApiDescription.ForApp();

    [Function("OpenApi")]
    [Anonymous]
    [Responds(StatusCodes.Status200OK, ContentType = "application/json", Description = "This description, as OpenAPI 3.1 JSON.")]
    [Responds(StatusCodes.Status304NotModified, Description = "The caller's copy (If-None-Match) is current.")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new OpenApiResult(description);
}
