using Iom.Application.Access;
using Iom.Application.Identity;
using Iom.Application.Panels.Circulations;
using Iom.Domain.Panels;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Panels.Circulations;

/// <summary>The co-ordinator's view of a meeting's circulations, and resending one recipient's e-mail.</summary>
public sealed class CirculationFunctions(ReadCirculations read, ResendCirculation resend)
{
    public const string Purpose = "Panel administration: following the circulation of a meeting's papers";

    [Function("ListCirculations")]
    [Responds(StatusCodes.Status200OK, typeof(MeetingCirculations), Description = "Each circulation with per-recipient state, held recipients included; due dates and lateness.")]
    [AllowRoles(Roles.Coordinator, Purpose = Purpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{id}/circulations")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (!MeetingId.TryParse(id, out var meeting))
        {
            throw ReadCirculations.NotFound();
        }

        return new JsonResponse(StatusCodes.Status200OK, await read.HandleAsync(meeting, request.HttpContext.ActingAs(), cancellationToken));
    }

    [Function("ResendCirculation")]
    [Accepts(typeof(ResendCirculationRequest))]
    [Responds(StatusCodes.Status202Accepted, typeof(CirculationResentView), Description = "The e-mail to that address is queued again under a new mail id.")]
    [Responds(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), Description = "The circulation changed meanwhile (another resend): try again.")]
    [Responds(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), Description = "not-a-recipient, or recipient-held (off the secure-domain allow-list: never sent to).")]
    [AllowRoles(Roles.Coordinator, Purpose = "Panel administration: resending a circulated e-mail", Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Resend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "circulations/{id}/resend")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadJsonAsync<ResendCirculationRequest>(request, cancellationToken);
        return new JsonResponse(StatusCodes.Status202Accepted, await resend.HandleAsync(id, body, request.HttpContext.ActingAs(), cancellationToken));
    }
}
