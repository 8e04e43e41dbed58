using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Iom.Functions.Composition;

public static class ShippedConfiguration
{
    public const string PanelsFile = "panels.json";

    /// <summary>The local authority's wards (Richmond upon Thames as shipped): a partnership replaces the file for its area.</summary>
    public const string WardsFile = "wards.json";

    /// <summary>The partner agencies (the domain's partners as shipped): a partnership replaces the file for its own.</summary>
    public const string AgenciesFile = "agencies.json";

    /// <summary>
    /// The shipped panels (the Richmond model), intake thresholds, wards and agencies, as the lowest-priority sources so app
    /// settings, environment variables and the command line override any key.
    /// </summary>
    public static IConfigurationBuilder AddShippedDefaults(this IConfigurationBuilder configuration)
    {
        foreach (var file in new[] { AgenciesFile, WardsFile, PanelsFile })
        {
            configuration.Sources.Insert(0, new JsonConfigurationSource
            {
                Path = file,
                Optional = false,
                FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            });
        }

        return configuration;
    }
}
