using System.Text.Json;
using Iom.Application.Errors;
using Iom.Application.Releases;
using Iom.Application.Releases.Intake;
using Iom.Domain.Releases;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Iom.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Releases;

/// <summary>
/// A prison's system reports a release (issue 11, intake door 1). Signed with one of the prison's keys, checked by the
/// pipeline before this runs (<see cref="PrisonReleaseSignature"/>: unsigned, forged, stale or replayed → 401). The
/// body is the form's request shape, validated by the same validator; a key may only report its own prison's releases.
/// </summary>
public sealed class PrisonReleaseFunctions(RecordReleaseNotification record, PrisonReleaseSignature signature, TimeProvider time)
{
    public const string Route = "prison-releases";

    [Function("ReceivePrisonRelease")]
    [Accepts(typeof(ReleaseReportRequest))]
    [Responds(StatusCodes.Status202Accepted, typeof(ReleaseNotificationAccepted), Description = "Recorded (or recorded before: the same event id gives the same id and starts no new work).")]
    [Responds(StatusCodes.Status400BadRequest, typeof(ValidationProblemDetails), Description = "Not valid JSON for a release, an unknown member, or a field that breaks its rule; nothing is recorded.")]
    [Responds(StatusCodes.Status403Forbidden, typeof(ProblemDetails), Description = "The key does not speak for the prison the notification names; nothing is recorded.")]
    [SignedBy(typeof(PrisonReleaseSignature), MaxBodyBytes = PrisonReleaseSignature.MaxBodyBytes)]
    public async Task<IActionResult> Receive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request, CancellationToken cancellationToken)
    {
        RequestBody.RequireJson(request);
        var body = JsonSerializer.Deserialize<ReleaseReportRequest>(RequestBody.Verified(request).Span, ApiJson.Options)
                   ?? throw new JsonException("The body is null.", "$", null, null);
        var report = new ReleaseReportValidator(time).ToReport(body, ReleaseSource.Prison);
        if (report.PrisonCode != signature.PrisonOf(request))
        {
            throw new RefusalException(RefusalKind.Forbidden, "wrong-prison", "This key does not report for that prison.",
                "A prison's key reports only that prison's releases: sign with a key of the prison named in prisonCode.");
        }

        var receipt = await record.RecordAsync(report, SignedRequest.KeyIdOf(request), cancellationToken);
        return new JsonResponse(StatusCodes.Status202Accepted, new ReleaseNotificationAccepted(receipt.Id));
    }
}
