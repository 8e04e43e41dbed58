using Iom.Application.Access;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Panels.Membership;
using Iom.Domain.Referrals;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Panels;

/// <summary>
/// Co-ordinators manage each panel's members, with dated history. Every answer is the roster (on the day asked, or
/// the day the change takes effect) and the membership's ETag; a change may send it back in <c>If-Match</c>
/// (changing a member must), and gets 412 when someone changed the panel's membership since.
/// </summary>
public sealed class PanelMemberFunctions(PanelMembersHandler members)
{
    [Function("GetPanelMembers")]
    [QueryParameter("on", "The roster as it stood on this day (YYYY-MM-DD); today when absent.", Format = "date")]
    [Responds(StatusCodes.Status200OK, typeof(PanelMembersView), Description = "The roster on the day, with the membership's ETag.")]
    [AllowRoles(Roles.Coordinator, Purpose = PanelMembersHandler.ReadPurpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "panels/{panel}/members")] HttpRequest request, string panel, CancellationToken cancellationToken)
    {
        var on = request.Query.TryGetValue("on", out var day) ? day.ToString() : null;
        var answer = await members.GetAsync(PanelRouteValues.Panel(panel), on, request.HttpContext.ActingAs(), cancellationToken);
        return new ETaggedJsonResponse(StatusCodes.Status200OK, answer.View, answer.ETag);
    }

    [Function("AddPanelMember")]
    [Accepts(typeof(AddPanelMemberRequest))]
    [Responds(StatusCodes.Status201Created, typeof(PanelMembersView), Description = "Added: the roster from the day it takes effect, with the new ETag.")]
    [Responds(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), Description = "If-Match was sent and the membership has changed since.")]
    [Responds(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), Description = "A membership rule refuses it (named in the problem type).")]
    [AllowRoles(Roles.Coordinator, Purpose = PanelMembersHandler.ChangePurpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Add(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "panels/{panel}/members")] HttpRequest request, string panel, CancellationToken cancellationToken)
    {
        var code = PanelRouteValues.Panel(panel);
        var body = await RequestBody.ReadJsonAsync<AddPanelMemberRequest>(request, cancellationToken);
        var answer = await members.AddAsync(code, body, IfMatch(request), request.HttpContext.ActingAs(), cancellationToken);
        return new ETaggedJsonResponse(StatusCodes.Status201Created, answer.View, answer.ETag);
    }

    [Function("ChangePanelMember")]
    [Accepts(typeof(ChangePanelMemberRequest))]
    [Responds(StatusCodes.Status200OK, typeof(PanelMembersView), Description = "Changed: the roster from the day it takes effect, with the new ETag.")]
    [Responds(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), Description = "The membership has changed since the ETag sent in If-Match (required).")]
    [Responds(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), Description = "A membership rule refuses it (named in the problem type).")]
    [AllowRoles(Roles.Coordinator, Purpose = PanelMembersHandler.ChangePurpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Change(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "panels/{panel}/members/{memberId:" + RouteIds.ObjectId + "}")] HttpRequest request,
        string panel, string memberId, CancellationToken cancellationToken)
    {
        var code = PanelRouteValues.Panel(panel);
        var body = await RequestBody.ReadJsonAsync<ChangePanelMemberRequest>(request, cancellationToken);
        var answer = await members.ChangeMemberAsync(code, memberId, body, IfMatch(request), request.HttpContext.ActingAs(), cancellationToken);
        return new ETaggedJsonResponse(StatusCodes.Status200OK, answer.View, answer.ETag);
    }

    [Function("RemovePanelMember")]
    [QueryParameter("effectiveFrom", "The day the member leaves the panel (YYYY-MM-DD), today or later; today when absent.", Format = "date")]
    [Responds(StatusCodes.Status200OK, typeof(PanelMembersView), Description = "Removed: the roster from the day it takes effect, with the new ETag.")]
    [Responds(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), Description = "If-Match was sent and the membership has changed since.")]
    [Responds(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), Description = "A membership rule refuses it (named in the problem type).")]
    [AllowRoles(Roles.Coordinator, Purpose = PanelMembersHandler.ChangePurpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Remove(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "panels/{panel}/members/{memberId:" + RouteIds.ObjectId + "}")] HttpRequest request,
        string panel, string memberId, CancellationToken cancellationToken)
    {
        var code = PanelRouteValues.Panel(panel);
        var from = request.Query.TryGetValue("effectiveFrom", out var day) ? day.ToString() : null;
        var answer = await members.RemoveAsync(code, memberId, from, IfMatch(request), request.HttpContext.ActingAs(), cancellationToken);
        return new ETaggedJsonResponse(StatusCodes.Status200OK, answer.View, answer.ETag);
    }

    [Function("ChangeChairOrganisation")]
    [Accepts(typeof(ChangeChairOrganisationRequest))]
    [Responds(StatusCodes.Status200OK, typeof(PanelMembersView), Description = "Changed: the roster from the day it takes effect (a chair from another organisation is now a member), with the new ETag.")]
    [Responds(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), Description = "If-Match was sent and the membership has changed since.")]
    [Responds(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), Description = "A membership rule refuses it (named in the problem type).")]
    [AllowRoles(Roles.Coordinator, Purpose = PanelMembersHandler.ChangePurpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> ChangeChairOrganisation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "panels/{panel}/chair-organisation")] HttpRequest request, string panel, CancellationToken cancellationToken)
    {
        var code = PanelRouteValues.Panel(panel);
        var body = await RequestBody.ReadJsonAsync<ChangeChairOrganisationRequest>(request, cancellationToken);
        var answer = await members.ChangeChairOrganisationAsync(code, body, IfMatch(request), request.HttpContext.ActingAs(), cancellationToken);
        return new ETaggedJsonResponse(StatusCodes.Status200OK, answer.View, answer.ETag);
    }

    private static string? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.Count > 0 ? request.Headers.IfMatch.ToString() : null;
}
