using Iom.Application.Mail;
using Iom.Functions.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Iom.Functions.Composition;

/// <summary>
/// Everything the function classes need, registered once for the worker in Azure and for the local host alike.
/// Which adapter serves each port is chosen by configuration (see README, "Configuration"); Azure is the default.
/// </summary>
public static class IomServices
{
    public static IServiceCollection AddIomFunctions(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(FunctionCatalog.ForApp());
        services.AddSingleton<HttpPipeline>();
        services.AddHealthChecks();

        services.AddAdapters(configuration);

        services.AddSingleton<MailOutbox>();
        services.AddSingleton<OnceOnlyMail>();
        services.AddSingleton<SendQueuedMail>();
        return services;
    }
}
