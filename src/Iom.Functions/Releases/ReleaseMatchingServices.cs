using Iom.Application.Releases.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Releases;

/// <summary>Release matching's handlers, registered in one call so the release flow's parts merge without touching each other's lines.</summary>
public static class ReleaseMatchingServices
{
    public static IServiceCollection AddReleaseMatching(this IServiceCollection services)
    {
        services.AddSingleton<PrisonNumberAliases>();
        services.AddSingleton<MatchReleaseNotification>();
        services.AddSingleton<DecideReleaseMatchHandler>();
        services.AddSingleton<ListUnmatchedReleases>();
        return services;
    }
}
