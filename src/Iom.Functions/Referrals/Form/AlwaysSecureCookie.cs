using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Referrals.Form;

/// <summary>
/// The anti-forgery cookie outside Development: always <c>Secure</c>. Not <see cref="CookieSecurePolicy.Always"/>,
/// which makes the antiforgery service throw unless the request itself is HTTPS: in Azure the worker receives each
/// request over plain HTTP from the Functions host in front of it, while the browser only ever spoke HTTPS
/// (App Service, httpsOnly), so the worker's own view of the scheme says nothing about what the browser used.
/// </summary>
internal sealed class AlwaysSecureCookie : CookieBuilder
{
    public AlwaysSecureCookie(CookieBuilder from)
    {
        Name = from.Name;
        Path = from.Path;
        Domain = from.Domain;
        HttpOnly = from.HttpOnly;
        SameSite = from.SameSite;
        SecurePolicy = from.SecurePolicy;
        Expiration = from.Expiration;
        MaxAge = from.MaxAge;
        IsEssential = from.IsEssential;
        foreach (var extension in from.Extensions)
        {
            Extensions.Add(extension);
        }
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        return options;
    }
}
