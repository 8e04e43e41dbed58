using Iom.Application.Api;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Functions.Health;

/// <summary>
/// Whether the document store and the queue answer, and whether sign-in is enforced in front of the app. Says nothing
/// else: it is anonymous, and cached (see <see cref="HealthReportCache"/>). Only checks tagged as having a public
/// reason (the authentication front end) give one.
/// </summary>
public sealed class HealthFunction(HealthReportCache health)
{
    [Function("Health")]
    [Responds(StatusCodes.Status200OK, typeof(HealthResponse), Description = "Healthy or degraded.")]
    [Responds(StatusCodes.Status503ServiceUnavailable, typeof(HealthResponse), Description = "Something the app needs does not answer.")]
    [Anonymous]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await health.GetAsync(cancellationToken);
        var body = new HealthResponse(
            report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
            report.Entries.Where(e => e.Value.Tags.Contains(AuthenticationFrontEndHealthCheck.PublicReasonTag) && e.Value.Description is not null)
                .ToDictionary(e => e.Key, e => e.Value.Description!));
        var status = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return new JsonResponse(status, body);
    }

    public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string> Checks, IReadOnlyDictionary<string, string> Reasons) : IApiResponse;
}
