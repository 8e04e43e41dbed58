using Iom.Application.Ports.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Iom.Adapters.SendGrid;

public static class SendGridServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IMailSender"/> through SendGrid; binds section "SendGrid". Needs an <c>ISecretStore</c> holding
    /// secret "SendGrid-ApiKey". Adds health check "sendgrid".
    /// </summary>
    public static IServiceCollection AddSendGridMailSender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SendGridOptions>()
            .Bind(configuration.GetSection(SendGridOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Retries are the sender's own (see SendGridMailSender), so the client adds none.
        services.AddHttpClient(SendGridMailSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IMailSender, SendGridMailSender>();
        services.AddHealthChecks().AddCheck<SendGridApiKeyHealthCheck>("sendgrid");
        return services;
    }
}
