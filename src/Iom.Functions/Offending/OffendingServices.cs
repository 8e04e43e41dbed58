using Iom.Application.Offending;
using Iom.Application.Performance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Offending;

/// <summary>Offending data intake and the re-offending measures' configuration (issue 12).</summary>
public static class OffendingServices
{
    public static IServiceCollection AddOffending(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Ni30Options>().Bind(configuration.GetSection(Ni30Options.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RecordOffendingRecords>();
        return services;
    }
}
