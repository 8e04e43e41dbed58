using Iom.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Functions.Health;

/// <summary>Whether the document store and the queue answer. Says nothing else: it is anonymous (and cached, see <see cref="HealthReportCache"/>).</summary>
public sealed class HealthFunction(HealthReportCache health)
{
    [Function("Health")]
    [Anonymous]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await health.GetAsync(cancellationToken);
        var body = new HealthResponse(
            report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()));
        var status = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return new JsonResponse(status, body);
    }

    public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string> Checks);
}
