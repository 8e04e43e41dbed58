using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Secrets;
using Iom.Functions.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Iom.Functions.Assets;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Iom.Functions.Referrals.Form;

public static class FormServices
{
    /// <summary>The HTML pages: their assets, templates and anti-forgery tokens bound to the signed-in user.</summary>
    public static IServiceCollection AddReferralForm(this IServiceCollection services, IHostEnvironment environment)
    {
        // One key ring for every instance and restart, in the document store (see DocumentKeyRepository), each key
        // wrapped with a key-encryption key from the secret store (see KeyRingXmlEncryptor).
        services.AddDataProtection().SetApplicationName("iom-functions");
        services.AddOptions<KeyManagementOptions>().Configure<IDocumentStore, ISecretStore>((options, documents, secrets) =>
        {
            options.XmlRepository = new DocumentKeyRepository(documents);
            options.XmlEncryptor = new KeyRingXmlEncryptor(secrets);
        });
        services.AddHealthChecks().AddCheck<KeyEncryptionKeyHealthCheck>(KeyEncryptionKeyHealthCheck.Name);
        services.AddAntiforgery(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            if (!environment.IsDevelopment())
            {
                options.Cookie = new AlwaysSecureCookie(options.Cookie);
            }
        });
        services.Replace(ServiceDescriptor.Singleton<IAntiforgeryAdditionalDataProvider, CallerBoundAntiforgery>());
        services.AddSingleton(_ => new StaticAssets(Path.Combine(AppContext.BaseDirectory, StaticAssets.FolderName)));
        return services;
    }
}

/// <summary>
/// Binds each anti-forgery token to the user App Service Authentication vouches for. ASP.NET Core binds tokens to
/// HttpContext.User, which this app does not use (identity comes from X-MS-CLIENT-PRINCIPAL), so without this a
/// token issued to one account would be accepted from another in the same browser.
/// </summary>
internal sealed class CallerBoundAntiforgery : IAntiforgeryAdditionalDataProvider
{
    public string GetAdditionalData(HttpContext context) => UserIdOf(context);

    public bool ValidateAdditionalData(HttpContext context, string additionalData) =>
        string.Equals(additionalData, UserIdOf(context), StringComparison.Ordinal);

    private static string UserIdOf(HttpContext context) =>
        ClientPrincipal.TryParse(context.Request.Headers[ClientPrincipal.HeaderName], out _)?.UserId ?? "";
}

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
