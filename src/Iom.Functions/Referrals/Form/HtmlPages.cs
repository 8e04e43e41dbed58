using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using Iom.Functions.Assets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Iom.Functions.Referrals.Form;

/// <summary>
/// Renders the HTML pages from Handlebars templates embedded in this assembly (<c>Templates/*.hbs</c>; a name starting
/// with <c>_</c> is a partial). Handlebars HTML-encodes every value unless a template says otherwise, and none does
/// (a test renders every template with hostile values and a triple-stash fails it).
/// </summary>
/// <remarks>
/// Handlebars.Net 2.4.3 writes a partial called on an indented line of its own (<c>"  {{> input}}"</c>, which it
/// re-indents line by line) without encoding its values. The indentation in front of a partial call is therefore
/// taken out of every template before it is compiled, so encoding never depends on how a template is laid out.
/// </remarks>
public sealed partial class PageRenderer
{
    private const string ResourcePrefix = "templates/";

    private readonly IHandlebars handlebars = Handlebars.Create();
    private readonly Dictionary<string, HandlebarsTemplate<object, object>> templates = new(StringComparer.Ordinal);
    private readonly LayoutAssets layoutAssets;

    public PageRenderer(StaticAssets assets)
    {
        var assembly = typeof(PageRenderer).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(resource[ResourcePrefix.Length..]);
            var text = Read(assembly, resource);
            if (name.StartsWith('_'))
            {
                handlebars.RegisterTemplate(name[1..], WithoutPartialIndentation(text));
                // Called as a block, so a partial that wraps one (the layout) has a block to wrap.
                templates[name] = Compile($"{{{{#> {name[1..]}}}}}{{{{this}}}}{{{{/{name[1..]}}}}}");
            }
            else
            {
                templates[name] = Compile(text);
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
        var template = (page.StartsWith('_') ? null : templates.GetValueOrDefault(page))
                       ?? throw new InvalidOperationException($"There is no page template {page}.");
        // A fresh nonce per response: the only inline script runs because it carries it; no injected one can.
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var html = template(new LayoutView(title, hasErrors, nonce, layoutAssets, content));
        return new HtmlPage(statusCode, html, nonce);
    }

    /// <summary>The name of every template (its file name without extension; a partial's starts with <c>_</c>).</summary>
    internal IReadOnlyCollection<string> TemplateNames => templates.Keys;

    /// <summary>One template, page or partial, with <paramref name="model"/> as its whole context (for tests).</summary>
    internal string RenderTemplate(string name, object model) => templates[name](model);

    /// <summary>A template given as text, compiled as the embedded ones are (for tests).</summary>
    internal string RenderText(string template, object model) => Compile(template)(model);

    private HandlebarsTemplate<object, object> Compile(string text) => handlebars.Compile(WithoutPartialIndentation(text));

    private static string WithoutPartialIndentation(string text) => IndentedPartialCall().Replace(text, "");

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // Spaces or tabs at the start of a line, before "{{>" or "{{#>" (with or without "~").
    [GeneratedRegex(@"^[ \t]+(?=\{\{~?\s*#?\s*>)", RegexOptions.Multiline)]
    private static partial Regex IndentedPartialCall();

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
