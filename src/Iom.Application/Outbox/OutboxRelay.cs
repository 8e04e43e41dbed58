using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Outbox;

/// <summary>
/// Dispatches outbox entries: sends the entry's message to its queue, then deletes the entry. A relay that dies between
/// the two sends the message again on its next pass, so delivery is at least once and every handler behind an outbox
/// queue is idempotent. Entries are found two ways: the writer nudges the relay with the entries it has just committed
/// (low latency, best effort), and a timer sweeps every container for entries older than <see cref="SweepAge"/> (what
/// a nudge missed: the process stopped, the queue was down). Dispatched entries are deleted, so the sweep reads only
/// what is pending.
/// </summary>
public sealed partial class OutboxRelay(IDocumentStore documents, IQueueSender queue, TimeProvider time, ILogger<OutboxRelay> logger)
{
    /// <summary>The sweep leaves younger entries to their writer's nudge, so the two rarely send the same entry.</summary>
    public static readonly TimeSpan SweepAge = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Dispatches entries just committed, all at once: each is still sent before it is deleted, but the entries do not
    /// wait for one another (they go to different queues, or are independent messages on one), so a commit's N entries
    /// cost two rounds of writes, which the store can commit together, rather than 2N one after another.
    /// Never throws: whatever is not dispatched now, the sweep dispatches.
    /// </summary>
    public Task NudgeAsync(string container, string partition, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken) =>
        Task.WhenAll(entries.Select(async entry =>
        {
            try
            {
                await DispatchAsync(new DocumentKey(container, partition, entry.Id), entry, cancellationToken);
            }
#pragma warning disable CA1031 // Best effort by design: the entry is stored, and the sweep will find it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogLeftForSweep(logger, exception, entry.Id);
            }
        }));

    /// <summary>Dispatches every entry at least <paramref name="minimumAge"/> old, in every container.</summary>
    /// <returns>How many entries were dispatched.</returns>
    public async Task<int> SweepAsync(TimeSpan minimumAge, CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - minimumAge;
        var dispatched = 0;
        var failed = 0;
        foreach (var container in Containers.All)
        {
            // Collected first: the entries are few (dispatched ones are deleted), and deleting under an open feed is avoided.
            var pending = new List<StoredDocument<OutboxEntry>>();
            await foreach (var stored in documents.ReadKindAsync<OutboxEntry>(container, cancellationToken))
            {
                if (stored.Value.CreatedAt <= before)
                {
                    pending.Add(stored);
                }
            }

            foreach (var stored in pending)
            {
                try
                {
                    await DispatchAsync(stored.Key, stored.Value, cancellationToken);
                    dispatched++;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One entry that cannot go now does not hold up the others; it stays for the next sweep.
                    failed++;
                    LogLeftForSweep(logger, exception, stored.Value.Id);
                }
            }
        }

        LogSwept(logger, dispatched, failed);
        return dispatched;
    }

    private async Task DispatchAsync(DocumentKey key, OutboxEntry entry, CancellationToken cancellationToken)
    {
        await queue.SendAsync(entry.Queue, entry.Message, null, cancellationToken);
        // Already gone means another pass dispatched it too; the handler's idempotency absorbs the second message.
        await documents.DeleteAsync(key, null, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox entry {EntryId} was not dispatched now; the next sweep dispatches it")]
    private static partial void LogLeftForSweep(ILogger logger, Exception exception, string entryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox sweep: {Dispatched} entries dispatched, {Failed} left for the next sweep")]
    private static partial void LogSwept(ILogger logger, int dispatched, int failed);
}
