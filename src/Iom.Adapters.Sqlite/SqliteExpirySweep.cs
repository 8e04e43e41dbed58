using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Iom.Adapters.Sqlite;

/// <summary>
/// Deletes expired documents every few minutes, as Cosmos DB's TTL does in the background. Reads never depend on it:
/// they ignore expired documents already; it only keeps the file from growing.
/// </summary>
public sealed partial class SqliteExpirySweep(SqliteDocumentStore store, TimeProvider time, ILogger<SqliteExpirySweep> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var deleted = await store.DeleteExpiredAsync(stoppingToken).ConfigureAwait(false);
                Swept(logger, deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired documents.")]
    private static partial void Swept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep of expired documents failed; the next one will retry.")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
