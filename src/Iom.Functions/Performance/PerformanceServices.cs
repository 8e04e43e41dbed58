using Iom.Application.Performance.Rollups;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Performance;

/// <summary>Rollups (issue 12): the fact source, the writer, the nightly run and the endpoints' handlers.</summary>
public static class PerformanceServices
{
    public static IServiceCollection AddRollups(this IServiceCollection services)
    {
        // The full pass over the documents until the change journal's source replaces it.
        services.AddSingleton<IPerformanceFactSource, DocumentFactSource>();
        services.AddSingleton<RollupWriter>();
        services.AddSingleton<NightlyRollups>();
        services.AddSingleton<GetRollup>();
        services.AddSingleton<RecomputeRollup>();
        return services;
    }
}
