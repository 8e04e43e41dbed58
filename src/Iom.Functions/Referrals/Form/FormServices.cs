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

namespace Iom.Functions.Referrals.Form;

public static class FormServices
{
    /// <summary>The HTML pages: their assets, templates and anti-forgery tokens bound to the signed-in user.</summary>
    public static IServiceCollection AddReferralForm(this IServiceCollection services)
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
        });
        services.Replace(ServiceDescriptor.Singleton<IAntiforgeryAdditionalDataProvider, CallerBoundAntiforgery>());
        services.AddSingleton(_ => new StaticAssets(Path.Combine(AppContext.BaseDirectory, StaticAssets.FolderName)));
        services.AddSingleton<PageRenderer>();
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
