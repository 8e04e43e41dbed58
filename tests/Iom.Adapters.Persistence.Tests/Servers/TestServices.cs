using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Persistence.Tests.Servers;

/// <summary>A service provider made the way the app makes one: settings in configuration, an adapter's DI extension.</summary>
public static class TestServices
{
    public static ServiceProvider Build(IDictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> register)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        register(services, configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
