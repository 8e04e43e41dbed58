using Iom.Application.Releases.Intake;
using Iom.Application.Releases.National;
using Iom.Functions.Http;
using Iom.Functions.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Releases;

/// <summary>The machine doors of the release flow: the prisons' signed JSON, the national queues (storage, and Service Bus in Azure) and its signed relay.</summary>
public static class ReleaseIntakeServices
{
    public static IServiceCollection AddReleaseIntake(this IServiceCollection services, IConfiguration configuration)
    {
        // Keys are checked at start-up: an id that cannot name a secret, or one opening both doors, stops the hosts.
        services.AddOptions<ReleaseSigningOptions>().Bind(configuration.GetSection(ReleaseSigningOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReleaseSigningOptions>, ReleaseSigningOptionsValidator>();
        services.AddSingleton<ReleaseSignatureCheck>();
        services.AddSingleton<PrisonReleaseSignature>();
        services.AddSingleton<PrisonEventRelaySignature>();
        services.AddSingleton<ReceiveNationalEvent>();
        services.AddSingleton<DrainNationalEvents>();
        services.AddHealthChecks().AddCheck<ReleaseIntakeHealthCheck>(ReleaseIntakeHealthCheck.Name, tags: [AuthenticationFrontEndHealthCheck.PublicReasonTag]);
        return services;
    }
}
