using Iom.Adapters.Local.AuditAnchors;
using Iom.Adapters.Local.Events;
using Iom.Adapters.Local.Mail;
using Iom.Adapters.Local.Secrets;
using Iom.Application.Ports.AuditAnchors;
using Iom.Application.Ports.Events;
using Iom.Application.Ports.Mail;
using Iom.Application.Ports.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Iom.Adapters.Local;

/// <summary>Registrations of the local stand-ins for mail, integration events and secrets.</summary>
public static class LocalAdaptersServiceCollectionExtensions
{
    /// <summary><see cref="IMailSender"/> writing <c>.eml</c> files; binds section "Outbox".</summary>
    public static IServiceCollection AddOutboxFolderMailSender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(OutboxOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMailSender, OutboxFolderMailSender>();
        return services;
    }

    /// <summary><see cref="IIntegrationEventPublisher"/> writing <c>.json</c> files; binds section "Events".</summary>
    public static IServiceCollection AddFolderIntegrationEventPublisher(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventsFolderOptions>()
            .Bind(configuration.GetSection(EventsFolderOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IIntegrationEventPublisher, FolderIntegrationEventPublisher>();
        return services;
    }

    /// <summary><see cref="IAuditAnchorStore"/> appending to a file (the local twin of the blob store); binds section "AuditAnchors".</summary>
    public static IServiceCollection AddLocalAuditAnchorFile(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalAuditAnchorOptions>()
            .Bind(configuration.GetSection(LocalAuditAnchorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IAuditAnchorStore, LocalAuditAnchorFile>();
        return services;
    }

    /// <summary><see cref="ISecretStore"/> reading section "Secrets" of <paramref name="configuration"/> on every call.</summary>
    public static IServiceCollection AddConfigurationSecretStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ISecretStore>(new ConfigurationSecretStore(configuration));
        return services;
    }
}
