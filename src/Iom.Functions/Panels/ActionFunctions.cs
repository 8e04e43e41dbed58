using System.Globalization;
using System.Text;
using Iom.Application.Access;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Panels.Actions;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Panels;

/// <summary>The actions panels allocate: a member's list, one action, and completing it.</summary>
public sealed class ActionFunctions(ListActionsHandler list, GetActionHandler get, CompleteActionHandler complete, TimeProvider time)
{
    // The merged token holds up to four store tokens of a few hundred characters each.
    private const int MaxContinuationLength = 8192;

    // Entra object ids are GUIDs; anything longer or stranger cannot name a member.
    private const int MaxMemberIdLength = 64;

    [Function("ListActions")]
    [QueryParameter("owner", "me (the default), or for co-ordinators a member's object id, or any.")]
    [QueryParameter("panel", "Only this panel's actions: iom, asb, dyo or strategic-group.")]
    [QueryParameter("status", "open (the default), done or all.", Values = ["open", "done", "all"])]
    [QueryParameter("overdue", "true: only open actions due before today (London).", Values = ["true", "false"])]
    [QueryParameter("pageSize", "Actions a page, from 1 to 100.", Format = "int32")]
    [QueryParameter("continuation", "The token in the previous page's next link.")]
    [Responds(StatusCodes.Status200OK, typeof(PanelActionPage))]
    [Responds(StatusCodes.Status403Forbidden, typeof(ProblemDetails), Description = "A member asked for someone else's actions (not-own-actions).")]
    [AllowRoles(Roles.Coordinator, Roles.PanelMember, Purpose = ListActionsHandler.Purpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "actions")] HttpRequest request, CancellationToken cancellationToken)
    {
        var query = ParseQuery(request.Query);
        var page = await list.HandleAsync(query, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status200OK, PanelActionPage.Of(page, continuation => NextLink(request.Query, continuation)));
    }

    [Function("GetAction")]
    [Responds(StatusCodes.Status200OK, typeof(PanelActionView), Description = "The action (ETag: its version, for If-Match).")]
    [AllowRoles(Roles.Coordinator, Roles.PanelMember, Purpose = GetActionHandler.Purpose, Objects = typeof(PanelActionAccess))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "actions/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var stored = await get.HandleAsync(id, request.HttpContext.ActingAs(), cancellationToken);
        return Answer(request, stored);
    }

    [Function("CompleteAction")]
    [Responds(StatusCodes.Status200OK, typeof(PanelActionView), Description = "Done: the action as it now is; the same answer when this caller completed it already.")]
    [Responds(StatusCodes.Status403Forbidden, typeof(ProblemDetails), Description = "Neither the action's owner nor a co-ordinator (not-action-owner).")]
    [Responds(StatusCodes.Status409Conflict, typeof(ProblemDetails), Description = "Someone else completed it already (action-already-done).")]
    [Responds(StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails), Description = "If-Match names a version that is no longer current; read it again.")]
    [AllowRoles(Roles.Coordinator, Roles.PanelMember, Purpose = CompleteActionHandler.Purpose, Objects = typeof(PanelActionAccess))]
    public async Task<IActionResult> Complete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "actions/{id}/complete")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var stored = await complete.HandleAsync(id, IfMatch(request), request.HttpContext.ActingAs(), cancellationToken);
        return Answer(request, stored);
    }

    private JsonResponse Answer(HttpRequest request, Application.Ports.Documents.StoredDocument<PanelAction> stored)
    {
        request.HttpContext.Response.Headers.ETag = "\"" + stored.ETag.Trim('"') + "\"";
        return new JsonResponse(StatusCodes.Status200OK, PanelActionView.Of(stored.Value, LondonTime.LondonDate(time.GetUtcNow())));
    }

    // One entity tag, quoted or not ("*" means any version, as if absent); a list cannot name one version.
    private static string? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        if (header.StartsWith("W/", StringComparison.Ordinal) || header.Contains(',', StringComparison.Ordinal) || header.Length > 200)
        {
            throw ValidationFailedException.For("If-Match", "Give the one ETag the action was read with");
        }

        return header.Trim('"');
    }

    private static ActionQuery ParseQuery(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string owner = query["owner"].ToString() is { Length: > 0 } o ? o : ActionQuery.Me;
        if (owner.Length > MaxMemberIdLength || !owner.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            errors["owner"] = ["The owner must be me, any, or a member's object id"];
        }

        PanelCode? panel = null;
        if (query["panel"] is { Count: > 0 } p)
        {
            if (PanelDirectory.TryParse(p.ToString(), out var code))
            {
                panel = code;
            }
            else
            {
                errors["panel"] = ["Choose a panel: iom, asb, dyo or strategic-group"];
            }
        }

        PanelActionStatus? status = PanelActionStatus.Open;
        switch (query["status"].ToString())
        {
            case "" when query["status"].Count == 0:
            case "open":
                break;
            case "done":
                status = PanelActionStatus.Done;
                break;
            case "all":
                status = null;
                break;
            default:
                errors["status"] = ["The status must be one of open, done, all"];
                break;
        }

        var overdue = false;
        switch (query["overdue"].ToString())
        {
            case "" when query["overdue"].Count == 0:
            case "false":
                break;
            case "true":
                overdue = true;
                break;
            default:
                errors["overdue"] = ["overdue must be true or false"];
                break;
        }

        if (overdue && status == PanelActionStatus.Done)
        {
            errors["overdue"] = ["Overdue actions are open: leave status out, or ask for open or all"];
        }

        var pageSize = 25;
        if (query["pageSize"] is { Count: > 0 } s
            && !(int.TryParse(s.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) && pageSize is >= 1 and <= ListActionsHandler.MaxPageSize))
        {
            errors["pageSize"] = [$"The pageSize must be a whole number from 1 to {ListActionsHandler.MaxPageSize}"];
        }

        string? continuation = query["continuation"].Count > 0 ? query["continuation"].ToString() : null;
        if (continuation is { Length: 0 or > MaxContinuationLength })
        {
            errors["continuation"] = ["The continuation is not one this list gave: start again from the first page"];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new ActionQuery(owner, panel, status, overdue, pageSize, continuation);
    }

    // The same filters as asked, and the token (already URL-safe).
    private static string NextLink(IQueryCollection query, string continuation)
    {
        var link = new StringBuilder("/api/actions?");
        foreach (var name in new[] { "owner", "panel", "status", "overdue", "pageSize" })
        {
            if (query[name] is { Count: > 0 } value)
            {
                link.Append(name).Append('=').Append(Uri.EscapeDataString(value.ToString())).Append('&');
            }
        }

        return link.Append("continuation=").Append(Uri.EscapeDataString(continuation)).ToString();
    }
}
