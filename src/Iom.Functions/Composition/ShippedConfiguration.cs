using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Iom.Functions.Composition;

public static class ShippedConfiguration
{
    public const string PanelsFile = "panels.json";

    /// <summary>
    /// The shipped panels (the Richmond model) and intake thresholds, as the lowest-priority source so app settings,
    /// environment variables and the command line override any key.
    /// </summary>
    public static IConfigurationBuilder AddShippedDefaults(this IConfigurationBuilder configuration)
    {
        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = PanelsFile,
            Optional = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
        return configuration;
    }
}
