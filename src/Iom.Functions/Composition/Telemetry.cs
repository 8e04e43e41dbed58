using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Composition;

public static class Telemetry
{
    /// <summary>
    /// OpenTelemetry for the worker, exported to Application Insights when its connection string is configured.
    /// Logs carry ids and outcomes only: no names, dates of birth or identifiers of people are ever logged.
    /// </summary>
    public static IServiceCollection AddIomTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
        if (!string.IsNullOrEmpty(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            telemetry.UseAzureMonitorExporter();
        }

        return services;
    }
}
