using System.Globalization;
using System.Net;
using System.Text;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Domain.Agencies;
using Iom.Functions.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// How the local host satisfies the pipeline's "identity only behind a trusted front end" gate: in Development it
    /// declares itself that front end (the development identity is the sign-in); in any other environment it vouches
    /// for nothing, so every non-anonymous request is refused. This is decided by the host's environment, in code, and
    /// never by a setting an Azure deployment could carry: the Functions worker never runs this class.
    /// </summary>
    public static IServiceCollection AddDevelopmentFrontEnd(this IServiceCollection services, IHostEnvironment environment)
    {
        services.Replace(ServiceDescriptor.Singleton<IAuthenticationFrontEnd>(new LocalFrontEnd(environment.IsDevelopment(), environment.EnvironmentName)));
        return services;
    }

    private sealed class LocalFrontEnd(bool development, string environmentName) : IAuthenticationFrontEnd
    {
        public string? NotEnforcedReason => development
            ? null
            : $"The local host vouches for identity in Development only; it runs as {environmentName}, so no caller identity is trusted.";

        public string SignInUrl(string returnPath) => $"{PagePath}?returnUrl={Uri.EscapeDataString(returnPath)}";
    }

    public static IApplicationBuilder UseDevelopmentIdentity(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Headers.ContainsKey(ClientPrincipal.HeaderName)
            && context.Request.Cookies.TryGetValue(CookieName, out var principal))
        {
            context.Request.Headers[ClientPrincipal.HeaderName] = principal;
        }

        await next(context);
    });

    /// <summary>The sign-in page offers the app's own agency list (agencies.json): no second copy to drift from it.</summary>
    public static void MapDevelopmentIdentity(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PagePath, (HttpContext context, IAntiforgery antiforgery, IOptions<PanelsOptions> panels, AgencyList agencies) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var current = ClientPrincipal.TryParse(context.Request.Cookies[CookieName], out _);
            var returnUrl = context.Request.Query["returnUrl"].ToString();
            return Results.Content(Page(tokens, agencies.Current, DemoMembers(panels.Value), current, IsLocalPath(returnUrl) ? returnUrl : PagePath), "text/html; charset=utf-8");
        });

        endpoints.MapPost(PagePath, async (HttpContext context, IAntiforgery antiforgery, IOptions<PanelsOptions> panels, AgencyList agencies) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired. Open it again.");
            }

            var form = await context.Request.ReadFormAsync();
            var roles = form["roles"].Where(r => Roles.All.Contains(r)).Select(r => r!).ToList();
            var agency = agencies.Current.FirstOrDefault(a => a.Code == form["agency"].ToString())?.Code;
            var name = form["name"].ToString();
            if (roles.Count == 0 || agency is null || string.IsNullOrWhiteSpace(name))
            {
                return Results.Redirect(PagePath + "?error=1");
            }

            // People are keyed by object id, as in Entra: acting as a demo panel member (panels.json) takes that
            // member's object id and address; anyone else gets an object id derived from the name and agency, and an address
            // on a reserved documentation domain, which only Development allows as a mail recipient (Mail:SecureDomains).
            var member = DemoMembers(panels.Value).FirstOrDefault(m => m.ObjectId == form["member"].ToString());
            var email = member?.Email ?? $"{string.Concat(name.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant()}@{agency}.dev.example";
            var objectId = member?.ObjectId ?? DerivedObjectId(email);
            var principal = ClientPrincipal.Encode(objectId, member?.Name ?? name, email, agency, roles);
            context.Response.Cookies.Append(CookieName, principal, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            var returnUrl = form["returnUrl"].ToString();
            return Results.Redirect(IsLocalPath(returnUrl) ? returnUrl : PagePath);
        });
    }

    private static bool IsLocalPath(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    /// <summary>A stable, GUID-shaped object id for a development user who is not a configured panel member.</summary>
    private static string DerivedObjectId(string email) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("dev-identity\n" + email))[..16]).ToString();

    private static List<PanelMemberOptions> DemoMembers(PanelsOptions panels) =>
        [.. panels.Panels.Values.SelectMany(p => p.Members).Where(m => !string.IsNullOrWhiteSpace(m.ObjectId)).DistinctBy(m => m.ObjectId)];

    private static string Page(AntiforgeryTokenSet tokens, IReadOnlyList<Agency> agencies, IReadOnlyList<PanelMemberOptions> members, Caller? current, string returnUrl)
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
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"returnUrl\" value=\"{E(returnUrl)}\">");
        html.Append("<p><label for=\"name\">Name</label> <input id=\"name\" name=\"name\" value=\"Dev User\"></p>");
        html.Append("<p><label for=\"member\">Or act as a panel member from panels.json</label> <select id=\"member\" name=\"member\"><option value=\"\">(nobody: use the name above)</option>");
        foreach (var member in members)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(member.ObjectId)}\">{E(member.Name)} ({E(member.Organisation)})</option>");
        }

        html.Append("</select></p>");
        html.Append("<p><label for=\"agency\">Agency</label> <select id=\"agency\" name=\"agency\">");
        foreach (var agency in agencies)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(agency.Code)}\">{E(agency.Name)}</option>");
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
