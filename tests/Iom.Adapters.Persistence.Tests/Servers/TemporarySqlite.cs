using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Persistence.Tests.Servers;

/// <summary>A temporary data directory and the SQLite adapters registered on it by their own DI extensions.</summary>
public sealed class TemporarySqlite : IDisposable
{
    public TemporarySqlite(Action<IServiceCollection, IConfiguration> register)
    {
        Directory.CreateDirectory(DataDirectory);
        Services = TestServices.Build(new Dictionary<string, string?> { ["Sqlite:DataDirectory"] = DataDirectory }, register);
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "iom-tests-" + Guid.NewGuid().ToString("N"));

    public ServiceProvider Services { get; }

    public void Dispose()
    {
        Services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
