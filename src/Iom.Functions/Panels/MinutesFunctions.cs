using System.Globalization;
using Iom.Application.Access;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Panels.Minutes;
using Iom.Domain.Panels.Minutes;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Panels;

/// <summary>A meeting's minutes: saved as drafts with ETags, read (audited), finalised under the voting rules.</summary>
public sealed class MinutesFunctions(SaveMinutesHandler save, GetMinutesHandler get, FinaliseMinutesHandler finalise)
{

    [Function("SaveMinutes")]
    [Accepts(typeof(SaveMinutesRequest))]
    [Responds(StatusCodes.Status200OK, typeof(MinutesView), Description = "Saved: the minutes as they now are, with their new ETag.")]
    [Responds(StatusCodes.Status409Conflict, typeof(ProblemDetails), Description = "Final (send a change summary to amend) or being finalised.")]
    [Responds(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), Description = "If-Match is missing or stale: someone else saved first; read again and retry.")]
    [Responds(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), Description = "An amendment that changes a decision already applied, or an action already given out.")]
    [AllowRoles(Roles.Coordinator, Purpose = SaveMinutesHandler.Purpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Save(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "meetings/{id:" + RouteIds.MeetingId + "}/minutes")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadJsonAsync<SaveMinutesRequest>(request, cancellationToken);
        var ifMatch = request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;
        var ifNoneMatchAny = request.Headers.IfNoneMatch.ToString().Trim() == "*";
        var stored = await save.HandleAsync(id, body, ifMatch, ifNoneMatchAny, request.HttpContext.ActingAs(), cancellationToken);
        return Answer(StatusCodes.Status200OK, stored);
    }

    [Function("GetMinutes")]
    [QueryParameter("version", "A final version by number (from 1); without it, the current version.", Format = "int32")]
    [Responds(StatusCodes.Status200OK, typeof(MinutesView), Description = "The minutes, with their ETag (audited as a consultation in each named person's log).")]
    [AllowRoles(Roles.Coordinator, Roles.PanelMember, Purpose = GetMinutesHandler.Purpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{id:" + RouteIds.MeetingId + "}/minutes")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        int? version = null;
        if (request.Query["version"] is { Count: > 0 } text)
        {
            if (!int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                throw ValidationFailedException.For("version", "The version must be a whole number from 1");
            }

            version = number;
        }

        var stored = await get.HandleAsync(id, version, request.HttpContext.ActingAs(), cancellationToken);
        return Answer(StatusCodes.Status200OK, stored);
    }

    [Function("FinaliseMinutes")]
    [Responds(StatusCodes.Status200OK, typeof(MinutesView), Description = "Final: every decision applied to its referral and the cohort, the actions created, circulation queued.")]
    [Responds(StatusCodes.Status202Accepted, typeof(MinutesView), Description = "Finalising: committed and being applied; read them again shortly.")]
    [Responds(StatusCodes.Status409Conflict, typeof(ProblemDetails), Description = "Final already.")]
    [Responds(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), Description = "Someone saved them meanwhile; read them again and retry.")]
    [Responds(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), Description = "A rule refuses them, named in rule: inquorate, no-chair, decision-not-carried, tie-without-casting-vote, chair-decision-required, casting-vote-without-tie, vote-count-exceeds-attendance, unknown-member, referral-not-listed, already-in-cohort, not-in-cohort.")]
    [AllowRoles(Roles.Coordinator, Purpose = FinaliseMinutesHandler.Purpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Finalise(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id:" + RouteIds.MeetingId + "}/minutes/finalise")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var stored = await finalise.HandleAsync(id, request.HttpContext.ActingAs(), cancellationToken);
        return Answer(stored.Minutes.Status == MinutesStatus.Final ? StatusCodes.Status200OK : StatusCodes.Status202Accepted, stored);
    }

    private static JsonResponse Answer(int status, StoredMinutes stored) =>
        new(status, MinutesView.Of(stored.Minutes)) { ETag = MinutesMeetings.EntityTag(stored.ETag) };
}
