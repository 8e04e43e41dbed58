using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using HandlebarsDotNet;
using Iom.Functions.Assets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Iom.Functions.Referrals.Form;

/// <summary>
/// Renders the HTML pages from Handlebars templates embedded in this assembly (<c>Templates/*.hbs</c>; a name starting
/// with <c>_</c> is a partial). Handlebars HTML-encodes every value unless a template says otherwise, and none does.
/// </summary>
public sealed class PageRenderer
{
    private const string ResourcePrefix = "templates/";

    private readonly Dictionary<string, HandlebarsTemplate<object, object>> pages = new(StringComparer.Ordinal);
    private readonly LayoutAssets layoutAssets;

    public PageRenderer(StaticAssets assets)
    {
        var handlebars = Handlebars.Create();
        var assembly = typeof(PageRenderer).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(resource[ResourcePrefix.Length..]);
            var text = Read(assembly, resource);
            if (name.StartsWith('_'))
            {
                handlebars.RegisterTemplate(name[1..], text);
            }
            else
            {
                pages[name] = handlebars.Compile(text);
            }
        }

        layoutAssets = new LayoutAssets(
            assets.Url("govuk-frontend.min.css"), assets.Url("init.mjs"), assets.Url("images/favicon.ico"), assets.Url("images/favicon.svg"),
            assets.Url("images/govuk-icon-mask.svg"), assets.Url("images/govuk-icon-180.png"), assets.Url("manifest.json"));
    }

    /// <param name="page">The template's file name without extension.</param>
    /// <param name="title">The page title before the service name; prefixed "Error: " when <paramref name="hasErrors"/>.</param>
    /// <param name="content">What the page template reads as <c>content</c>.</param>
    public HtmlPage Render(string page, int statusCode, string title, object content, bool hasErrors = false)
    {
        var template = pages.GetValueOrDefault(page) ?? throw new InvalidOperationException($"There is no page template {page}.");
        // A fresh nonce per response: the only inline script runs because it carries it; no injected one can.
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var html = template(new LayoutView(title, hasErrors, nonce, layoutAssets, content));
        return new HtmlPage(statusCode, html, nonce);
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private sealed record LayoutView(string Title, bool HasErrors, string Nonce, LayoutAssets Assets, object Content);

    private sealed record LayoutAssets(
        string Stylesheet, string Script, string Favicon, string FaviconSvg, string MaskIcon, string AppleTouchIcon, string Manifest);
}

/// <summary>
/// An HTML response. Every page goes out through this: only this app's own assets and the one inline script bearing
/// this response's nonce may run or load, the page may not be framed, and it is never cached (it may hold personal data).
/// </summary>
public sealed class HtmlPage : IStatusCodeActionResult
{
    internal HtmlPage(int statusCode, string html, string nonce)
    {
        StatusCode = statusCode;
        Html = html;
        Nonce = nonce;
    }

    public int StatusCode { get; }

    int? IStatusCodeActionResult.StatusCode => StatusCode;

    public string Html { get; }
    public string Nonce { get; }

    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self'; font-src 'self'; " +
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(Nonce);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        await response.WriteAsync(Html, Encoding.UTF8, context.HttpContext.RequestAborted);
    }
}

/// <summary>303 See Other: after a form post, the browser fetches the next page with GET, so a refresh cannot post twice.</summary>
public sealed class SeeOther(string location) : IActionResult
{
    public string Location { get; } = location;

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status303SeeOther;
        response.Headers.Location = Location;
        response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
