using System.Collections.Concurrent;
using Iom.Application.Mail;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Iom.Application.Ports.Queues;
using Iom.Application.Releases;
using Iom.Application.Releases.Alerts;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Releases;

/// <summary>
/// Every release alert e-mail is handed over exactly once while the mail provider fails each message with a 5xx, then a
/// 429, then a timeout, before recovering: the one mail path (SendMail → OnceOnlyMail, the queue's retries) through
/// the local host, with only the provider replaced.
/// </summary>
public sealed class ReleaseAlertMailRetryTests : IAsyncLifetime
{
    private readonly FailingThenRecoveringProvider provider = new();

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(
        extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"],
        overrideServices: services => services.AddSingleton<IMailSender>(provider));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Each_alert_email_is_sent_exactly_once_through_5xx_429_and_timeouts_and_a_late_redelivery_sends_nothing()
    {
        var (_, personId) = await host.ReferAsync(Referrals.ReferralApiTests.ValidReferral());
        await ReleaseAlertApiTests.InCohortAsync(host, personId, ReleaseAlertApiTests.LeadEmail);
        var alertId = ReleaseAlertApiTests.NewAlertId();
        var prefix = $"release-alert:{alertId}:";

        await host.Services.GetRequiredService<IQueueSender>().SendAsync(ReleaseQueues.Alerts, ReleaseAlertApiTests.Due(alertId, personId), null, Ct);

        var sent = await Eventually.Async(() => Task.FromResult(provider.Accepted.Where(m => m.IdempotencyKey.StartsWith(prefix, StringComparison.Ordinal)).ToList() is { Count: 3 } s ? s : null), timeoutSeconds: 60);
        sent.Select(m => m.IdempotencyKey).Distinct().Count().ShouldBe(3);
        foreach (var key in sent.Select(m => m.IdempotencyKey))
        {
            provider.AttemptsOf(key).ShouldBe(FailingThenRecoveringProvider.Failures.Length + 1);
            // The ledger records the hand-over just after the provider accepts it.
            var record = await Eventually.Async(() => host.Services.GetRequiredService<IDocumentStore>().ReadAsync<MailSentRecord>(OnceOnlyMail.LedgerKey(key), Ct));
            record.Value.Unconfirmed.ShouldBeNull();
        }

        // The queue delivers at least once: a late copy of each is answered by the ledger.
        var mail = host.Services.GetRequiredService<OnceOnlyMail>();
        foreach (var message in sent)
        {
            await mail.SendAsync(message, null, Ct);
        }

        provider.Accepted.Count(m => m.IdempotencyKey.StartsWith(prefix, StringComparison.Ordinal)).ShouldBe(3);
    }

    /// <summary>Refuses each message as SendGrid does when it is down, throttling or too slow, then accepts it.</summary>
    private sealed class FailingThenRecoveringProvider : IMailSender
    {
        public static readonly Func<Exception>[] Failures =
        [
            () => new MailDeliveryException("SendGrid did not accept the message: 503 Service Unavailable."),
            () => new MailDeliveryException("SendGrid did not accept the message: 429 Too Many Requests."),
            () => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException()),
        ];

        private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);

        public ConcurrentQueue<MailMessage> Accepted { get; } = new();

        public int AttemptsOf(string key) => attempts.GetValueOrDefault(key);

        public Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
        {
            var attempt = attempts.AddOrUpdate(message.IdempotencyKey, 1, (_, n) => n + 1);
            if (attempt <= Failures.Length)
            {
                throw Failures[attempt - 1]();
            }

            Accepted.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
