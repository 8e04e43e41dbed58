using Iom.Application.Access;
using Iom.Application.Identity;
using Iom.Application.Releases.Alerts;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Releases;

/// <summary>A release alert for its recipients: read it (where the e-mail's link lands) and acknowledge it.</summary>
public sealed class ReleaseAlertFunctions(GetReleaseAlertHandler get, AcknowledgeReleaseAlertHandler acknowledge)
{
    /// <summary>An alert id: <c>alert-</c> and up to 94 more characters; the handlers check the characters.</summary>
    public const string AlertId = "length(7,100)";

    [Function("GetReleaseAlert")]
    [Responds(StatusCodes.Status200OK, typeof(ReleaseAlertView))]
    [AllowRoles(Roles.Coordinator, Roles.Referrer, Roles.PanelMember, Purpose = GetReleaseAlertHandler.Purpose, Objects = typeof(ReleaseAlertAccess))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "release-alerts/{id:" + AlertId + "}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var actor = request.HttpContext.ActingAs();
        var alert = await get.HandleAsync(id, actor, cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, ReleaseAlertView.Of(alert, ReleaseAlertReaders.Of(actor.Caller)));
    }

    [Function("AcknowledgeReleaseAlert")]
    [Responds(StatusCodes.Status200OK, typeof(ReleaseAlertView), Description = "Acknowledged: the alert as it now is; the same answer for a repeat.")]
    [Responds(StatusCodes.Status403Forbidden, typeof(ProblemDetails), Description = "A co-ordinator who is not one of the alert's recipients (not-a-recipient).")]
    [AllowRoles(Roles.Coordinator, Roles.Referrer, Roles.PanelMember, Purpose = AcknowledgeReleaseAlertHandler.Purpose, Objects = typeof(ReleaseAlertAccess))]
    public async Task<IActionResult> Acknowledge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "release-alerts/{id:" + AlertId + "}/acknowledge")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var actor = request.HttpContext.ActingAs();
        var alert = await acknowledge.HandleAsync(id, actor, cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, ReleaseAlertView.Of(alert, ReleaseAlertReaders.Of(actor.Caller)));
    }
}
