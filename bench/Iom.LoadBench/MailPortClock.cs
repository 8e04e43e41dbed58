using System.Collections.Concurrent;
using System.Diagnostics;
using Iom.Application.Ports.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Iom.LoadBench;

/// <summary>
/// When each release alert e-mail reached the mail port (the configured <see cref="IMailSender"/> accepted it), by the
/// notification it belongs to: a release alert's idempotency key is <c>release-alert:alert-{notificationId}:{recipient}</c>.
/// Other e-mails (acknowledgements, escalations) are counted apart.
/// </summary>
internal sealed class MailPortClock
{
    private const string AlertPrefix = "release-alert:alert-";

    private readonly ConcurrentDictionary<string, Arrivals> byNotification = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> byKey = new(StringComparer.Ordinal);
    private int others;

    /// <summary>E-mails that were not release alerts.</summary>
    public int Others => others;

    /// <summary>Idempotency keys handed to the port more than once (exactly once means none).</summary>
    public int Repeated => byKey.Count(k => k.Value > 1);

    public int AlertEmails => byKey.Count;

    /// <summary>Wraps the host's mail port registration (whatever it is) so every accepted send is timestamped here.</summary>
    public void Decorate(IServiceCollection services)
    {
        var inner = services.Last(d => d.ServiceType == typeof(IMailSender));
        services.RemoveAll<IMailSender>();
        services.AddSingleton<IMailSender>(provider => new ClockedMailSender(Resolve(provider, inner), this));
    }

    public void Record(string idempotencyKey, long stopwatchTimestamp)
    {
        if (NotificationOf(idempotencyKey) is not { } notificationId)
        {
            Interlocked.Increment(ref others);
            return;
        }

        byKey.AddOrUpdate(idempotencyKey, 1, (_, n) => n + 1);
        byNotification.GetOrAdd(notificationId, _ => new Arrivals()).Add(idempotencyKey, stopwatchTimestamp);
    }

    /// <summary>The first and last arrival of a notification's e-mails, once <paramref name="expected"/> distinct ones have arrived.</summary>
    public (long First, long Last)? Complete(string notificationId, int expected) =>
        byNotification.TryGetValue(notificationId, out var arrivals) ? arrivals.Complete(expected) : null;

    public int Arrived(string notificationId) => byNotification.TryGetValue(notificationId, out var arrivals) ? arrivals.Count : 0;

    public static string? NotificationOf(string idempotencyKey)
    {
        if (!idempotencyKey.StartsWith(AlertPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = idempotencyKey.IndexOf(':', AlertPrefix.Length);
        return end < 0 ? null : idempotencyKey[AlertPrefix.Length..end];
    }

    private static IMailSender Resolve(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as IMailSender
        ?? descriptor.ImplementationFactory?.Invoke(provider) as IMailSender
        ?? (IMailSender)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);

    private sealed class Arrivals
    {
        private readonly Dictionary<string, long> first = new(StringComparer.Ordinal);

        public int Count
        {
            get
            {
                lock (first)
                {
                    return first.Count;
                }
            }
        }

        public void Add(string key, long at)
        {
            lock (first)
            {
                first.TryAdd(key, at);
            }
        }

        public (long First, long Last)? Complete(int expected)
        {
            lock (first)
            {
                return first.Count >= expected ? (first.Values.Min(), first.Values.Max()) : null;
            }
        }
    }

    private sealed class ClockedMailSender(IMailSender inner, MailPortClock clock) : IMailSender
    {
        public async Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
        {
            await inner.SendAsync(message, cancellationToken);
            // Only an accepted send counts: a refused one is retried by the queue and arrives later.
            clock.Record(message.IdempotencyKey, Stopwatch.GetTimestamp());
        }
    }
}
