using Iom.Application.Performance.Dashboard;
using Iom.Application.Performance.Rollups;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Performance;

/// <summary>Performance (issue 12): rollups (the fact source, the writer, the nightly run, the endpoints' handlers) and the dashboard.</summary>
public static class PerformanceServices
{
    public static IServiceCollection AddRollups(this IServiceCollection services)
    {
        // The full pass over the documents: recompute's source, and the nightly run's fallback.
        services.AddSingleton<IPerformanceFactSource, DocumentFactSource>();
        services.AddSingleton<RollupWriter>();
        services.AddSingleton<IncrementalRollups>();
        services.AddSingleton<NightlyRollups>();
        services.AddSingleton<GetRollup>();
        services.AddSingleton<RecomputeRollup>();
        return services;
    }

    /// <summary>The dashboard's handler and its targets, validated at start-up.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PerformanceTargetsOptions>().Bind(configuration.GetSection(PerformanceTargetsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PerformanceTargetsOptions>, PerformanceTargetsOptionsValidator>();
        services.AddSingleton<GetDashboardHandler>();
        return services;
    }
}
