using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Adapters.Sqlite;

/// <summary>Healthy when the file opens and holds the schema (document and queue tables).</summary>
public sealed class SqliteHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = connection.Command(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('documents', 'queue_messages')");
                await using (command.ConfigureAwait(false))
                {
                    var tables = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                    return tables == 2
                        ? HealthCheckResult.Healthy(database.FilePath)
                        : HealthCheckResult.Unhealthy($"{database.FilePath} lacks the schema.");
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{database.FilePath} cannot be read.", e);
        }
    }
}
