using System.Text;
using Iom.Application.Access;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Releases.Matching;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Releases;

/// <summary>The co-ordinator's side of matching: the unmatched list, and deciding a possible match.</summary>
public sealed class ReleaseMatchFunctions(DecideReleaseMatchHandler decide, ListUnmatchedReleases unmatched)
{
    [Function("ConfirmReleaseMatch")]
    [Accepts(typeof(ConfirmReleaseMatchRequest))]
    [Responds(StatusCodes.Status200OK, typeof(ReleaseMatchView), Description = "Confirmed: the notification is being applied to the person, and only now are agencies told.")]
    [Responds(StatusCodes.Status409Conflict, typeof(ProblemDetails), Description = "Decided already (release-match-decided), or an unmatched notification with nobody to confirm (release-match-no-candidate).")]
    [Responds(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), Description = "The personId is not one of the candidates, or is missing when there are several (release-match-not-a-candidate).")]
    [AllowRoles(Roles.Coordinator, Purpose = DecideReleaseMatchHandler.Purpose, Objects = typeof(ReleaseMatchAccess))]
    public async Task<IActionResult> Confirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "release-matches/{id:" + RouteIds.DocumentId + "}/confirm")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadJsonAsync<ConfirmReleaseMatchRequest>(request, cancellationToken);
        var match = await decide.ConfirmAsync(id, body, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, ReleaseMatchView.Of(match));
    }

    [Function("RejectReleaseMatch")]
    [Responds(StatusCodes.Status200OK, typeof(ReleaseMatchView), Description = "Rejected: the notification stays on the unmatched list and nobody is told.")]
    [Responds(StatusCodes.Status409Conflict, typeof(ProblemDetails), Description = "Decided already (release-match-decided), or an unmatched notification with nobody to reject (release-match-no-candidate).")]
    [AllowRoles(Roles.Coordinator, Purpose = DecideReleaseMatchHandler.Purpose, Objects = typeof(ReleaseMatchAccess))]
    public async Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "release-matches/{id:" + RouteIds.DocumentId + "}/reject")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        var match = await decide.RejectAsync(id, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, ReleaseMatchView.Of(match));
    }

    [Function("ListUnmatchedReleases")]
    [QueryParameter("unmatched", "Must be true: the notifications no agency has heard of (possible matches, rejected, nobody known or worked with).", Required = true)]
    [QueryParameter("pageSize", "Notifications a page, from 1 to 100 (25 by default).", Format = "int32")]
    [QueryParameter("continuation", "The token of the page before's next link.")]
    [Responds(StatusCodes.Status200OK, typeof(UnmatchedReleasePage))]
    [AllowRoles(Roles.Coordinator, Purpose = ListUnmatchedReleases.Purpose, Objects = typeof(ReleaseMatchAccess))]
    public async Task<IActionResult> ListUnmatched(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "prison-releases")] HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Query["unmatched"].ToString() != "true")
        {
            // Only the unmatched list exists so far: a general list of notifications would need its own rules.
            errors["unmatched"] = ["Only unmatched=true is offered: the list of notifications left for the co-ordinator"];
        }

        var pageSize = PageParameters.PageSize(request.Query, 25, ListUnmatchedReleases.MaxPageSize, errors);
        var continuation = PageParameters.Continuation(request.Query, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var (items, next) = await unmatched.HandleAsync(new UnmatchedReleaseQuery(pageSize, continuation), request.HttpContext.ActingAs(), cancellationToken);
        var link = next is null
            ? null
            : new StringBuilder("/api/prison-releases?unmatched=true&pageSize=").Append(pageSize).Append("&continuation=").Append(Uri.EscapeDataString(next)).ToString();
        return new JsonResponse(StatusCodes.Status200OK, new UnmatchedReleasePage(items, link));
    }
}
