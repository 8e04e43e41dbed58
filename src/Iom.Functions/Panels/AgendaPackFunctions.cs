using Iom.Application.Access;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Panels.Packs;
using Iom.Domain.Panels;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Iom.Functions.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Panels;

/// <summary>A meeting's agenda pack, as a page members open from the circulation e-mail's link and print.</summary>
public sealed class AgendaPackFunctions(GetAgendaPackHandler pack, PanelDirectory panels, PageRenderer pages)
{
    public const string Template = "Pages/Panels/agenda-pack";

    [Function("GetAgendaPack")]
    [Responds(StatusCodes.Status200OK, ContentType = "text/html", Description = "The pack: the meeting, its listed referrals, cohort members due for review, the panel's open actions (overdue marked; audited as a consultation in each named person's log) and a link to earlier meetings.")]
    [Responds(StatusCodes.Status404NotFound, ContentType = "text/html", Description = "No meeting the caller can see has this id.")]
    [BrowserPage]
    [AllowRoles(Roles.Coordinator, Roles.PanelMember, Purpose = GetAgendaPackHandler.Purpose, Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{id:" + RouteIds.MeetingId + "}/pack")] HttpRequest request, string id,
        CancellationToken cancellationToken)
    {
        AgendaPack found;
        try
        {
            found = await pack.HandleAsync(PanelRouteValues.Meeting(id), request.HttpContext.ActingAs(), cancellationToken);
        }
        catch (RefusalException refusal) when (refusal.Kind == RefusalKind.NotFound)
        {
            return pages.Render("Pages/message", StatusCodes.Status404NotFound, "Page not found",
                new NotFoundView("Page not found", ["There is no meeting at this address, or it is not one of your panel's."], "Your actions", "/api/actions?owner=me"));
        }

        var view = AgendaPackView.Of(found, panels.Get(found.Meeting.Panel).Name);
        return pages.Render(Template, StatusCodes.Status200OK, $"{view.Panel} agenda pack", view);
    }

    private sealed record NotFoundView(string Heading, IReadOnlyList<string> Paragraphs, string LinkText, string LinkHref);
}
