using System.Security.Cryptography;
using Iom.Application.Ports.Rendering;
using Iom.Functions.Assets;

namespace Iom.Functions.Rendering;

/// <summary>
/// Makes HTML responses from the page templates (<c>Templates/Pages/…</c>) through the one renderer e-mails use too:
/// each page inside the GOV.UK layout, with this app's asset URLs and a fresh script nonce.
/// </summary>
public sealed class PageRenderer
{
    private readonly ITemplateRenderer templates;
    private readonly LayoutAssets layoutAssets;
    private readonly StaticAssets assets;

    public PageRenderer(ITemplateRenderer templates, StaticAssets assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        this.templates = templates;
        this.assets = assets;
        layoutAssets = new LayoutAssets(
            assets.Url("govuk-frontend.min.css"), assets.Url("init.mjs"), assets.Url("images/favicon.ico"), assets.Url("images/favicon.svg"),
            assets.Url("images/govuk-icon-mask.svg"), assets.Url("images/govuk-icon-180.png"), assets.Url("manifest.json"));
    }

    /// <param name="page">The page template's path under Templates without extension, e.g. <c>Pages/Referrals/confirmation</c>.</param>
    /// <param name="title">The page title before the service name; prefixed "Error: " when <paramref name="hasErrors"/>.</param>
    /// <param name="content">What the page template reads as <c>content</c>.</param>
    /// <param name="service">The service the header and title name; <see cref="PageService.Referrals"/> when not given.</param>
    /// <param name="stylesheet">The page's own stylesheet (an asset's path, e.g. <c>dashboard.css</c>) after GOV.UK Frontend's.</param>
    public HtmlPage Render(string page, int statusCode, string title, object content, bool hasErrors = false, PageService? service = null, string? stylesheet = null)
    {
        if (!page.StartsWith("Pages/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"There is no page template {page}.");
        }

        // A fresh nonce per response: the only inline script runs because it carries it; no injected one can.
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var html = templates.RenderHtml(page, new LayoutView(
            title, hasErrors, nonce, layoutAssets, service ?? PageService.Referrals, content, stylesheet is null ? null : assets.Url(stylesheet)));
        return new HtmlPage(statusCode, html, nonce);
    }

    private sealed record LayoutView(string Title, bool HasErrors, string Nonce, LayoutAssets Assets, PageService Service, object Content, string? PageStylesheet);

    private sealed record LayoutAssets(
        string Stylesheet, string Script, string Favicon, string FaviconSvg, string MaskIcon, string AppleTouchIcon, string Manifest);
}
