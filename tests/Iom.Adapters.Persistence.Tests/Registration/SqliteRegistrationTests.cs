using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Adapters.Sqlite;
using Iom.Application.Ports.Documents;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.Persistence.Tests.Registration;

public sealed class SqliteRegistrationTests
{
    [Fact]
    public async Task Store_and_queue_share_one_file_and_one_healthy_check()
    {
        using var sqlite = new TemporarySqlite((services, configuration) => services.AddSqliteDocumentStore(configuration).AddSqliteQueue(configuration));

        var report = await sqlite.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        report.Entries.Keys.ShouldBe(["sqlite"]);
        report.Entries["sqlite"].Status.ShouldBe(HealthStatus.Healthy);
        sqlite.Services.GetServices<SqliteDatabase>().ShouldHaveSingleItem();
        sqlite.Services.GetRequiredService<IDocumentStore>().ShouldBeOfType<SqliteDocumentStore>();
        sqlite.Services.GetRequiredService<IDocumentChangeFeed>().ShouldBeOfType<SqliteDocumentChangeFeed>();
    }

    [Fact]
    public void A_relative_data_directory_is_taken_from_the_content_root()
    {
        var contentRoot = Path.Combine(Path.GetTempPath(), "iom-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var services = TestServices.Build(new Dictionary<string, string?>(), (services, configuration) => services
                .AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = contentRoot })
                .AddSqliteDocumentStore(configuration));

            var file = services.GetRequiredService<SqliteDatabase>().FilePath;

            file.ShouldBe(Path.Combine(contentRoot, ".data", "iom.db"));
            File.Exists(file).ShouldBeTrue();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    [Fact]
    public void An_empty_data_directory_is_refused()
    {
        using var services = TestServices.Build(new Dictionary<string, string?> { ["Sqlite:DataDirectory"] = "" },
            (services, configuration) => services.AddSqliteQueue(configuration));

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<SqliteOptions>>().Value)
            .Message.ShouldContain(nameof(SqliteOptions.DataDirectory));
    }
}
