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
