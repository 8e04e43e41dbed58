using Iom.Application.Identity;
using Iom.Application.Panels.Circulations;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Iom.Functions.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Panels.Circulations;

/// <summary>
/// Where the links in circulated e-mails land. A browser without a session is sent to sign in and back
/// ([BrowserPage]); a signed-in reader whose token is ours and fresh goes on (303) to the document, which checks
/// that this reader may see it and audits the consultation there, as for anyone opening it. A forged or altered token
/// is answered with 400 and an expired one with 410, each as a page saying what to do.
/// </summary>
public sealed class LinkFunctions(CirculationLinks links, PageRenderer pages, TimeProvider time)
{
    public const string Path = "/api/links";

    [Function("OpenLink")]
    [QueryParameter("token", "The signed token from the e-mail.", Required = true)]
    [Responds(StatusCodes.Status303SeeOther, Description = "On to the document the link opens (Location), which checks the reader may see it.")]
    [Responds(StatusCodes.Status400BadRequest, ContentType = "text/html", Description = "The token is missing, not one this service made, or was changed.")]
    [Responds(StatusCodes.Status410Gone, ContentType = "text/html", Description = "The link has expired.")]
    [BrowserPage]
    [AllowRoles(Roles.Coordinator, Roles.PanelMember, Roles.Referrer, Purpose = "Panel administration: opening a circulated link")]
    public async Task<IActionResult> Open(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "links")] HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var link = await links.OpenAsync(request.Query["token"].ToString(), time.GetUtcNow(), cancellationToken);
            return new SeeOther(link.Path);
        }
        catch (LinkRefusedException refused)
        {
            var (status, heading) = refused.Expired
                ? (StatusCodes.Status410Gone, "This link has expired")
                : (StatusCodes.Status400BadRequest, "This link does not work");
            return pages.Render("Pages/message", status, heading, new LinkMessage(heading,
                [refused.Message, "Links in panel e-mails work for 30 days. Ask the panel co-ordinator to send the papers again."],
                "Go to the start", "/api/referrals/new"));
        }
    }

    private sealed record LinkMessage(string Heading, IReadOnlyList<string> Paragraphs, string LinkText, string LinkHref);
}
