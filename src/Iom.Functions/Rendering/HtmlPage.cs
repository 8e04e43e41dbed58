using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Iom.Functions.Rendering;

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
