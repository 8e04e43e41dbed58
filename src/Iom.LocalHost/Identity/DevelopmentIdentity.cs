using System.Globalization;
using System.Net;
using System.Text;
using Iom.Application.Identity;
using Microsoft.AspNetCore.Antiforgery;

namespace Iom.LocalHost.Identity;

/// <summary>
/// Development only: lets a person in a browser pick a role and agency instead of editing headers. The choice is
/// kept in a cookie and turned into the same X-MS-CLIENT-PRINCIPAL header App Service Authentication sends in Azure,
/// so everything after this point is exactly what runs there. A header sent by the caller always wins.
/// </summary>
internal static class DevelopmentIdentity
{
    public const string CookieName = "iom-dev-principal";
    public const string PagePath = "/dev/identity";

    public static IApplicationBuilder UseDevelopmentIdentity(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Headers.ContainsKey(ClientPrincipal.HeaderName)
            && context.Request.Cookies.TryGetValue(CookieName, out var principal))
        {
            context.Request.Headers[ClientPrincipal.HeaderName] = principal;
        }

        await next(context);
    });

    public static void MapDevelopmentIdentity(this IEndpointRouteBuilder endpoints, IReadOnlyList<string> agencies)
    {
        endpoints.MapGet(PagePath, (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var current = ClientPrincipal.TryParse(context.Request.Cookies[CookieName], out _);
            return Results.Content(Page(tokens, agencies, current), "text/html; charset=utf-8");
        });

        endpoints.MapPost(PagePath, async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired. Open it again.");
            }

            var form = await context.Request.ReadFormAsync();
            var roles = form["roles"].Where(r => Roles.All.Contains(r)).Select(r => r!).ToList();
            var agency = form["agency"].ToString();
            var name = form["name"].ToString();
            if (roles.Count == 0 || !agencies.Contains(agency) || string.IsNullOrWhiteSpace(name))
            {
                return Results.Redirect(PagePath + "?error=1");
            }

            // A reserved documentation domain, which only Development allows as a mail recipient (Mail:SecureDomains).
            var email = $"{string.Concat(name.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant()}@{agency}.dev.example";
            var principal = ClientPrincipal.Encode($"dev-{email}", name, email, agency, roles);
            context.Response.Cookies.Append(CookieName, principal, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            var returnUrl = form["returnUrl"].ToString();
            return Results.Redirect(returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : PagePath);
        });
    }

    private static string Page(AntiforgeryTokenSet tokens, IReadOnlyList<string> agencies, Caller? current)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Development identity - IOM Functions</title></head><body>");
        html.Append("<main><h1>Development identity</h1><p>Local host only. Pick who you are; the choice is sent as X-MS-CLIENT-PRINCIPAL.</p>");
        if (current is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"current\">Signed in as {E(current.Name)} ({E(current.Agency)}): {E(string.Join(", ", current.Roles))}</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{PagePath}\"><input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">");
        html.Append("<input type=\"hidden\" name=\"returnUrl\" value=\"/dev/identity\">");
        html.Append("<p><label for=\"name\">Name</label> <input id=\"name\" name=\"name\" value=\"Dev User\"></p>");
        html.Append("<p><label for=\"agency\">Agency</label> <select id=\"agency\" name=\"agency\">");
        foreach (var agency in agencies)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(agency)}\">{E(agency)}</option>");
        }

        html.Append("</select></p><fieldset><legend>Roles</legend>");
        foreach (var role in Roles.All)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><input type=\"checkbox\" id=\"role-{E(role)}\" name=\"roles\" value=\"{E(role)}\"> <label for=\"role-{E(role)}\">{E(role)}</label></p>");
        }

        html.Append("</fieldset><button type=\"submit\">Use this identity</button></form></main></body></html>");
        return html.ToString();
    }
}
