using Iom.Application.Panels.Circulations;
using Iom.Application.Ports.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Iom.Functions.Panels.Circulations;

/// <summary>The circulation of agendas and minutes (issue 10): its jobs, handlers, links and invitations.</summary>
public static class CirculationServices
{
    public static IServiceCollection AddCirculation(this IServiceCollection services)
    {
        services.AddSingleton<IInvitationWriter, IcalInvitationWriter>();
        services.AddSingleton<CirculationLinks>();
        services.AddHealthChecks().AddCheck<LinksKeyHealthCheck>(LinksKeyHealthCheck.Name);
        services.AddSingleton<MeetingPapers>();
        services.AddSingleton<CirculationMails>();
        services.AddSingleton<Circulator>();
        services.AddSingleton<AgendaCirculation>();
        services.AddSingleton<MinutesCirculation>();
        services.AddSingleton<MeetingChangedCirculation>();
        services.AddSingleton<MinutesOverdueReminder>();
        services.AddSingleton<ReadCirculations>();
        services.AddSingleton<ResendCirculation>();
        return services;
    }
}
