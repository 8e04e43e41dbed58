using Iom.Application.Wards;
using Iom.Domain.Wards;
using Iom.Functions.Composition;
using Microsoft.Extensions.Configuration;

namespace Iom.Functions.Tests.LocalHost;

/// <summary>The wards the app ships (wards.json), as the hosts bind them.</summary>
public static class ShippedWards
{
    public static WardList List { get; } = Load();

    private static WardList Load()
    {
        var options = new WardsOptions();
        new ConfigurationBuilder().AddShippedDefaults().Build().GetSection(WardsOptions.SectionName).Bind(options.Wards);
        return new WardList(options.ToWards());
    }
}
