using System.Net;
using Iom.Functions.Health;
using Iom.Functions.Tests.LocalHost;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Functions.Tests.Health;

/// <summary>/api/health is anonymous: however often it is called, the checks behind it run once per 30 seconds.</summary>
public sealed class HealthCachingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Many_anonymous_calls_to_the_health_endpoint_run_the_checks_once()
    {
        var check = new CountingCheck();
        await using var host = await RunningLocalHost.StartAsync(overrideServices: s => s.AddHealthChecks().AddCheck("counting", check));

        for (var i = 0; i < 10; i++)
        {
            (await host.Client.GetAsync("/api/health", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.Client.GetAsync("/api/health", Ct)));
        check.Runs.ShouldBe(1);
    }

    [Fact]
    public async Task The_checks_run_again_once_the_cached_report_is_30_seconds_old_and_not_before()
    {
        var (cache, check, time) = Cache();

        await cache.GetAsync(Ct);
        time.Advance(HealthReportCache.Lifetime - TimeSpan.FromMilliseconds(1));
        await cache.GetAsync(Ct);
        check.Runs.ShouldBe(1);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var report = await cache.GetAsync(Ct);
        await cache.GetAsync(Ct);

        check.Runs.ShouldBe(2);
        report.Entries["counting"].Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Callers_arriving_while_the_checks_run_share_that_run_and_one_giving_up_does_not_cancel_it_for_the_others()
    {
        var (cache, check, _) = Cache();
        check.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();

        var first = cache.GetAsync(impatient.Token);
        var others = Enumerable.Range(0, 20).Select(_ => cache.GetAsync(Ct)).ToList();
        await impatient.CancelAsync();
        check.Hold.SetResult();

        await Should.ThrowAsync<OperationCanceledException>(() => first);
        (await Task.WhenAll(others)).ShouldAllBe(r => r.Status == HealthStatus.Healthy);
        check.Runs.ShouldBe(1);
    }

    private static (HealthReportCache Cache, CountingCheck Check, FakeTimeProvider Time) Cache()
    {
        var check = new CountingCheck();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var services = new ServiceCollection().AddLogging();
        services.AddHealthChecks().AddCheck("counting", check);
        var health = services.BuildServiceProvider().GetRequiredService<HealthCheckService>();
        return (new HealthReportCache(health, time), check, time);
    }

    private sealed class CountingCheck : IHealthCheck
    {
        private int runs;

        public int Runs => Volatile.Read(ref runs);

        public TaskCompletionSource? Hold { get; set; }

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref runs);
            if (Hold is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            return HealthCheckResult.Healthy();
        }
    }
}
