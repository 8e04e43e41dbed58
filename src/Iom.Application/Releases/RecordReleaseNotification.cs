using Iom.Application.Errors;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Domain.Releases;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Releases;

/// <summary>
/// Takes a validated release notification in, from any door: stores it with the outbox entry that starts its
/// processing, in one commit, before the sender is answered (202 <c>{id}</c>). The same event again (its id is fixed by
/// <see cref="ReleaseNotifications.IdFor"/>) is answered with the same id and starts no new work. Nothing about the
/// person is read or audited here: who they are is not known until matching, which records the collection in their log.
/// </summary>
public sealed partial class RecordReleaseNotification(
    IDocumentStore documents, OutboxNudges nudges, TimeProvider time, ILogger<RecordReleaseNotification> logger)
{
    /// <summary>How long to spend reading back a commit whose outcome is unknown before telling the sender to retry.</summary>
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    /// <param name="receivedFrom">The prison's key id, the prison link's object id, or <c>hmpps</c>.</param>
    /// <exception cref="OutcomeUnknownException">The commit may have happened and could not be read back (503: send it again).</exception>
    public async Task<ReleaseReceipt> RecordAsync(ReleaseReport report, string receivedFrom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(receivedFrom);
        var now = time.GetUtcNow();
        var id = ReleaseNotifications.IdFor(report);
        var entry = OutboxEntry.For("release-notification-" + id, ReleaseQueues.Notifications, new ReleaseNotificationRecorded(id), now);
        try
        {
            await documents.CommitAsync(Containers.Identities, id,
                [DocumentWrite.Create(id, new ReleaseNotification(id, report, now, receivedFrom)), entry.Write()], cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // Recorded before (a retry, or the same event sent twice at once): the first is the one that counts.
            return new ReleaseReceipt(id, Recorded: false);
        }
        catch (Exception failure) when (failure is not DocumentStoreException)
        {
            // A timeout or a 503 may have committed: read back before answering. Stored (by this call or a twin) means
            // taken in, and its outbox entry is the relay sweep's if the nudge below is not reached.
            if (!await StoredAsync(id, failure))
            {
                throw;
            }

            LogCommittedDespiteFailure(logger, failure, id);
            return new ReleaseReceipt(id, Recorded: false);
        }

        nudges.Post(Containers.Identities, id, [entry]);
        return new ReleaseReceipt(id, Recorded: true);
    }

    private async Task<bool> StoredAsync(string id, Exception commitFailure)
    {
        using var settling = new CancellationTokenSource(SettleTimeout);
        try
        {
            return await documents.ReadAsync<ReleaseNotification>(ReleaseNotifications.KeyOf(id), settling.Token) is not null;
        }
        catch (Exception readFailure)
        {
            throw new OutcomeUnknownException(new AggregateException(commitFailure, readFailure));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Release notification {NotificationId} was stored although its commit reported a failure")]
    private static partial void LogCommittedDespiteFailure(ILogger logger, Exception failure, string notificationId);
}
