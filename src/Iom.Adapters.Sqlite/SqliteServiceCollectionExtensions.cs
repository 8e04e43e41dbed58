using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IDocumentStore"/> and <see cref="IDocumentChangeFeed"/> on the SQLite file configured in section "Sqlite".</summary>
    public static IServiceCollection AddSqliteDocumentStore(this IServiceCollection services, IConfiguration configuration)
    {
        AddSqliteDatabase(services, configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SqliteDocumentStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<SqliteDocumentStore>());
        services.AddSingleton<IDocumentChangeFeed>(sp => new SqliteDocumentChangeFeed(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SqliteExpirySweep>();
        return services;
    }

    /// <summary>Registers <see cref="IQueueSender"/> and <see cref="IQueueReceiver"/> on the SQLite file configured in section "Sqlite".</summary>
    public static IServiceCollection AddSqliteQueue(this IServiceCollection services, IConfiguration configuration)
    {
        AddSqliteDatabase(services, configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteQueue>();
        services.AddSingleton<IQueueSender>(sp => sp.GetRequiredService<SqliteQueue>());
        services.AddSingleton<IQueueReceiver>(sp => sp.GetRequiredService<SqliteQueue>());
        return services;
    }

    // The store and the queue share one file, one options binding and one health check, whichever is added first.
    private static void AddSqliteDatabase(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(SqliteDatabase)))
        {
            return;
        }

        services.AddOptions<SqliteOptions>()
            .Bind(configuration.GetSection(SqliteOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SqliteOptions>>().Value;
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
            return new SqliteDatabase(options.FilePath(root));
        });
        services.AddHealthChecks().AddCheck<SqliteHealthCheck>("sqlite");
    }
}
