using Iom.Application.Releases.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Releases;

/// <summary>Release alerts, acknowledgement and escalation (issue 11): options, handlers.</summary>
public static class ReleaseAlertServices
{
    public static IServiceCollection AddReleaseAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReleaseAlertOptions>().Bind(configuration.GetSection(ReleaseAlertOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReleaseAlertOptions>, ReleaseAlertOptionsValidator>();
        services.AddSingleton<RaiseReleaseAlert>();
        services.AddSingleton<ScheduleReleaseAlertEscalation>();
        services.AddSingleton<EscalateReleaseAlerts>();
        services.AddSingleton<GetReleaseAlertHandler>();
        services.AddSingleton<AcknowledgeReleaseAlertHandler>();
        return services;
    }
}
