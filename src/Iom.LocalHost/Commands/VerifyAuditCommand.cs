using System.Globalization;
using Iom.Adapters.Sqlite;
using Iom.Application.Audit;
using Microsoft.Extensions.Configuration;

namespace Iom.LocalHost.Commands;

/// <summary>
/// <c>verify-audit</c>: the audit log's verification command. Verifies every person's audit chain in the store the
/// local host is configured for (the SQLite file by default, Cosmos DB when <c>Documents:Provider=Cosmos</c>), with the
/// same configuration sources and arguments as the host, without starting it: the audit key from the secret store and
/// the latest anchor from the anchor store (the data folder's anchor file locally). It writes no anchor. Exit code 0 when every chain is intact,
/// 2 when any is broken, 1 when the check itself could not run.
/// </summary>
public static class VerifyAuditCommand
{
    public const string Name = "verify-audit";

    public const int Intact = 0;
    public const int Failed = 1;
    public const int Broken = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        AuditChainsReport report;
        try
        {
            // Checked before the app is built, since building may open the store, and opening it would create an empty
            // store that verifies as intact: a wrong folder must not pass.
            if (MissingSqliteFile(args) is { } missing)
            {
                await error.WriteLineAsync($"verify-audit: there is no local store at {missing} (set Sqlite:DataDirectory, or run from the folder holding .data).");
                return Failed;
            }

            // The host's own composition, built but not started: no listener, no queue dispatcher, no timers.
            await using var app = LocalHostApp.Build(args);

            report = await app.Services.GetRequiredService<VerifyAuditChains>().HandleAsync(cancellationToken);
        }
#pragma warning disable CA1031 // Any failure means "could not verify", reported as such with its own exit code.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"verify-audit: could not verify the audit log: {failure.GetType().Name}: {failure.Message}");
            return Failed;
        }

        var culture = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(culture, $"Audit chains checked: {report.ChainsChecked}, records checked: {report.RecordsChecked}, broken: {report.Broken.Count}"));
        await output.WriteLineAsync(report.AnchoredAt is { } anchored
            ? string.Create(culture, $"Compared with the anchor of {anchored.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.")
            : "No anchor yet: a chain deleted or cut back before the first anchor cannot be detected.");
        if (report.UnkeyedRecords > 0)
        {
            await output.WriteLineAsync(string.Create(culture, $"Unkeyed records (from before the audit key, checked by plain hash only): {report.UnkeyedRecords} in {report.UnkeyedChains} chains."));
        }

        foreach (var chain in report.Broken)
        {
            await output.WriteLineAsync(string.Create(culture, $"BROKEN person {chain.PersonId} ({chain.Records} records): {chain.Problem}"));
        }

        await output.WriteLineAsync(report.Intact ? "Audit log intact." : "Audit log NOT intact.");
        return report.Intact ? Intact : Broken;
    }

    /// <summary>The store file the host would open, when it is SQLite and absent; read from the host's own configuration sources.</summary>
    private static string? MissingSqliteFile(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults.For(Directory.GetCurrentDirectory()))
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        if (configuration["Documents:Provider"] != "Sqlite")
        {
            return null;
        }

        var options = configuration.GetSection(SqliteOptions.SectionName).Get<SqliteOptions>() ?? new SqliteOptions();
        var file = options.FilePath(Directory.GetCurrentDirectory());
        return File.Exists(file) ? null : file;
    }
}
