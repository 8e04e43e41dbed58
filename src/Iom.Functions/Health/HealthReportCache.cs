using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Functions.Health;

/// <summary>
/// The health report for anonymous callers: the checks (document store, queue, Key Vault, …) run at most once per
/// <see cref="Lifetime"/>, however many callers ask, so nobody can drive load on the services behind them through
/// /api/health. Callers arriving while the checks run wait for that same run.
/// </summary>
public sealed class HealthReportCache(HealthCheckService health, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private Task<HealthReport>? current;
    private DateTimeOffset startedAt;

    public Task<HealthReport> GetAsync(CancellationToken cancellationToken)
    {
        Task<HealthReport> report;
        lock (gate)
        {
            var now = time.GetUtcNow();
            // A run that failed outright is not kept: the next caller tries again.
            if (current is null || now - startedAt >= Lifetime || current.IsFaulted || current.IsCanceled)
            {
                startedAt = now;
                current = RunAsync();
            }

            report = current;
        }

        return report.WaitAsync(cancellationToken);
    }

    // Not the caller's token: one caller going away must not cancel the run others wait for. The lifetime bounds it.
    private async Task<HealthReport> RunAsync()
    {
        using var timeout = new CancellationTokenSource(Lifetime, time);
        return await health.CheckHealthAsync(timeout.Token);
    }
}
