using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Http;

/// <summary>
/// Every request under /api that no function takes: problem details like every other refusal, in Azure as in the
/// local host — 404 when no function's route matches the path, 405 with <c>Allow</c> when one does but not for this
/// method. Without it the Functions host answers a bare 404 or 405 of its own.
/// </summary>
/// <remarks>
/// The name sorts after every other function's on purpose. The Functions host does not rank literal routes above
/// parameters or catch-alls as ASP.NET Core does: it maps each function's route in turn and the first match wins
/// (azure-functions-host, src/WebJobs.Script.WebHost/WebScriptHostHttpRoutesManager.cs, InitializeHttpFunctionRoutes;
/// a trigger without methods gets no method constraint), and the turn follows the functions' names alphabetically
/// (issues Azure/azure-functions-host#3153 and #9876, Azure/azure-functions-dotnet-worker#1855, still open; the fix,
/// Azure/azure-webjobs-sdk-extensions#842, is not merged). A catch-all named "NotFound" would shadow every function
/// named after it. A test keeps this name last.
/// </remarks>
public sealed partial class FallbackFunction(FunctionRoutes routes, ILogger<FallbackFunction> logger)
{
    public const string Name = "zzFallback";

    [Function(Name)]
    [Responds(StatusCodes.Status404NotFound, typeof(ProblemDetails), Description = "No operation has this path.")]
    [Responds(StatusCodes.Status405MethodNotAllowed, typeof(ProblemDetails), Description = "An operation has this path but not this method (Allow lists those it has).")]
    [Anonymous]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = "{*path}")] HttpRequest request)
    {
        var matching = routes.Matching(request.Path, request.HttpContext);
        if (matching.Count == 0)
        {
            return Problems.NotFound();
        }

        var allowed = matching.SelectMany(f => f.Verbs).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (allowed.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
        {
            // A function should have had this request: the host's route order put the catch-all first after all.
            LogShadowed(logger, matching[0].Name);
            return Problems.NotFound();
        }

        request.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        return Problems.MethodNotAllowed();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The catch-all answered a request that {Function} should have served: the host matched the catch-all first")]
    private static partial void LogShadowed(ILogger logger, string function);
}
