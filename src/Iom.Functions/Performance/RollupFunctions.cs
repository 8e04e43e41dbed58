using Iom.Application.Access;
using Iom.Application.Api;
using Iom.Application.Identity;
using Iom.Application.Performance.Rollups;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Performance;

/// <summary>
/// A period's rollup, for analysts and co-ordinators: read it as JSON or CSV, or compute it again. Councillors are
/// not admitted (403): their view is the dashboard's ward-only, suppressed one (docs/performance-measures.md).
/// </summary>
public sealed class RollupFunctions(GetRollup get, RecomputeRollup recompute, Iom.Domain.Agencies.AgencyList agencies)
{
    /// <summary>
    /// A period name: <c>2026-11</c> and <c>2026-Q3</c> (7 characters) to <c>FY2026-27</c> (9). A length, not a regex
    /// (see <see cref="RouteIds"/>); the handlers parse the name. <c>2026-11.csv</c> (11 or more) never fits it, so the
    /// JSON route cannot take the CSV one's paths.
    /// </summary>
    public const string Period = "length(7,9)";

    [Function("GetRollup")]
    [Responds(StatusCodes.Status200OK, typeof(RollupView), Description = "The period's measures, with the definitions version and the watermark; ETag the stored rollup's.")]
    [Responds(StatusCodes.Status400BadRequest, typeof(ProblemDetails), Description = "Not a period name (2026-11, 2026-Q3, FY2026-27).")]
    [Responds(StatusCodes.Status404NotFound, typeof(ProblemDetails), Description = "The period's rollup has not been computed yet (rollup-not-computed).")]
    [AllowRoles(Roles.Analyst, Roles.Coordinator, Purpose = GetRollup.Purpose, Objects = typeof(RollupAccess))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "performance/rollups/{period:" + Period + "}")] HttpRequest request, string period, CancellationToken cancellationToken)
    {
        var stored = await get.HandleAsync(period, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, RollupView.Of(stored.Value)) { ETag = EntityTag.Of(stored) };
    }

    [Function("GetRollupCsv")]
    [Responds(StatusCodes.Status200OK, ContentType = "text/csv", Description = "One row per cell: measure, breakdown, unit, key, value, provisional, name (the agency's display name on agency rows; the definitions version and watermark are in the JSON). ETag the file's own, from its bytes.")]
    [Responds(StatusCodes.Status400BadRequest, typeof(ProblemDetails), Description = "Not a period name (2026-11, 2026-Q3, FY2026-27).")]
    [Responds(StatusCodes.Status404NotFound, typeof(ProblemDetails), Description = "The period's rollup has not been computed yet (rollup-not-computed).")]
    [AllowRoles(Roles.Analyst, Roles.Coordinator, Purpose = GetRollup.Purpose, Objects = typeof(RollupAccess))]
    public async Task<IActionResult> GetCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "performance/rollups/{period:" + Period + "}.csv")] HttpRequest request, string period, CancellationToken cancellationToken)
    {
        var stored = await get.HandleAsync(period, request.HttpContext.ActingAs(), cancellationToken);
        var content = RollupCsv.Write(stored.Value, agencies);
        return new CsvFileResult(content, stored.Value.Period + ".csv", RollupCsv.EntityTagOf(content));
    }

    [Function("RecomputeRollup")]
    [Responds(StatusCodes.Status200OK, typeof(RollupView), Description = "Computed again, at once: the rollup as now stored, ETag its own (unchanged when the figures are).")]
    [Responds(StatusCodes.Status400BadRequest, typeof(ProblemDetails), Description = "Not a period name (2026-11, 2026-Q3, FY2026-27).")]
    [Responds(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), Description = "The period has not started (period-in-the-future).")]
    [AllowRoles(Roles.Analyst, Roles.Coordinator, Purpose = RecomputeRollup.Purpose, Objects = typeof(RollupAccess))]
    public async Task<IActionResult> Recompute(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "performance/rollups/{period:" + Period + "}/recompute")] HttpRequest request, string period, CancellationToken cancellationToken)
    {
        var stored = await recompute.HandleAsync(period, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, RollupView.Of(stored.Value)) { ETag = EntityTag.Of(stored) };
    }
}
