using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Iom.Domain.Mail;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Mail;

/// <summary>
/// The delivery state of each e-mail this app sent, per recipient, from the provider's delivery events. All the
/// recipients of one e-mail share one small partition of the operations container (<see cref="PartitionOf"/>), so
/// reading an e-mail's states is one bounded read and a batch's events about one e-mail are one atomic commit (with the
/// failure alerts they cause, as outbox entries). Events about e-mails this app never sent are ignored (counted, never
/// logged with an address); a batch delivered again changes nothing (each state remembers the event ids it applied).
/// A bounce or drop tells whom the e-mail's request named in <see cref="MailRequest.ReportFailuresTo"/>, once per
/// recipient, through the one mail path.
/// </summary>
public sealed partial class MailDeliveries(IDocumentStore documents, OutboxRelay outbox, TimeProvider time, ILogger<MailDeliveries> logger)
{
    public const string FailureTemplate = "Mail/Delivery/failure";

    /// <summary>Concurrent batches about the same e-mail (SendGrid posts from several servers) retry on a stale ETag.</summary>
    public const int MaxAttempts = 5;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The partition holding every recipient's state of one e-mail.</summary>
    public static string PartitionOf(string mailId) => "delivery-" + Hash(mailId);

    /// <summary>The key of one recipient's state of one e-mail (addresses compared without case).</summary>
    public static DocumentKey KeyOf(string mailId, string email) =>
        new(Containers.Operations, PartitionOf(mailId), "recipient-" + Hash(email.ToUpperInvariant()));

    /// <summary>Each recipient's latest delivery state of the e-mail with this id (its <see cref="MailRequest.Id"/>); empty before any event.</summary>
    public async Task<IReadOnlyList<RecipientDelivery>> ForAsync(string mailId, CancellationToken cancellationToken)
    {
        var states = new List<RecipientDelivery>();
        // Bounded by nature: one document per recipient of one e-mail.
        await foreach (var stored in documents.ReadPartitionAsync<RecipientDelivery>(Containers.Operations, PartitionOf(mailId), cancellationToken))
        {
            states.Add(stored.Value);
        }

        return states;
    }

    /// <summary>Records a batch of events: all-or-nothing per e-mail, and harmless to repeat.</summary>
    public async Task<MailEventsReceipt> RecordAsync(IReadOnlyList<DeliveryNotice> notices, int received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var recorded = 0;
        var ignored = received - notices.Count;
        foreach (var mail in notices.GroupBy(n => n.MailId, StringComparer.Ordinal))
        {
            var sent = await SentAsync(mail.Key, cancellationToken);
            if (sent is null)
            {
                ignored += mail.Count();
                continue;
            }

            recorded += await RecordMailAsync(mail.Key, [.. mail], sent.Value.ReportFailuresTo, cancellationToken);
        }

        if (ignored > 0)
        {
            LogIgnored(logger, ignored, received);
        }

        return new MailEventsReceipt(received, recorded, ignored);
    }

    /// <returns>Whether this app sent (or began sending) the e-mail, and whom its failures go to; null when it never did.</returns>
    private async Task<(bool Sent, MailAddress? ReportFailuresTo)?> SentAsync(string mailId, CancellationToken cancellationToken)
    {
        var ledger = OnceOnlyMail.LedgerKey(mailId);
        if (await documents.ReadAsync<MailSentRecord>(ledger, cancellationToken) is { } sent)
        {
            return (true, sent.Value.ReportFailuresTo);
        }

        // The provider can report "processed" before the sender has written its record: the attempt record says it is ours.
        return await documents.ReadAsync<MailSendingRecord>(OnceOnlyMail.AttemptKey(ledger), cancellationToken) is { } sending
            ? (true, sending.Value.ReportFailuresTo)
            : null;
    }

    private async Task<int> RecordMailAsync(string mailId, IReadOnlyList<DeliveryNotice> notices, MailAddress? reportFailuresTo, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(mailId);
        for (var attempt = 1; ; attempt++)
        {
            var stored = new Dictionary<string, StoredDocument<RecipientDelivery>>(StringComparer.Ordinal);
            await foreach (var document in documents.ReadPartitionAsync<RecipientDelivery>(Containers.Operations, partition, cancellationToken))
            {
                stored[document.Key.Id] = document;
            }

            var now = time.GetUtcNow();
            var states = new Dictionary<string, RecipientDelivery>(StringComparer.Ordinal);
            var alerts = new List<OutboxEntry>();
            var applied = 0;
            // Oldest first, so the failure reported is the first one.
            foreach (var notice in notices.OrderBy(n => n.Event.At))
            {
                var id = KeyOf(mailId, notice.Email).Id;
                var current = states.GetValueOrDefault(id) ?? stored.GetValueOrDefault(id)?.Value;
                var change = current is null ? RecipientDelivery.Start(mailId, notice.Email, notice.Event, now) : current.Apply(notice.Event, now);
                if (!change.Changed)
                {
                    continue;
                }

                applied++;
                states[id] = change.Delivery;
                if (change.FailureToReport && reportFailuresTo is not null)
                {
                    alerts.Add(FailureAlert(mailId, id, change.Delivery, notice.Event, reportFailuresTo, now));
                }
            }

            if (states.Count == 0)
            {
                return 0;
            }

            var writes = states.Select(s => stored.TryGetValue(s.Key, out var before)
                    ? DocumentWrite.Replace(s.Key, s.Value, before.ETag)
                    : DocumentWrite.Create(s.Key, s.Value))
                .Concat(alerts.Select(a => a.Write()))
                .ToList();
            try
            {
                await documents.CommitAsync(Containers.Operations, partition, writes, cancellationToken);
            }
            catch (DocumentStoreException) when (attempt < MaxAttempts)
            {
                // Another batch about the same e-mail committed first (a create conflicted or an ETag went stale):
                // nothing of this one was written, so read again and apply the events to what it left.
                continue;
            }

            await outbox.NudgeAsync(Containers.Operations, partition, alerts, cancellationToken);
            return applied;
        }
    }

    private static OutboxEntry FailureAlert(string mailId, string recipientId, RecipientDelivery delivery, DeliveryEvent failure, MailAddress to, DateTimeOffset now)
    {
        var model = new DeliveryFailureMailModel(
            mailId,
            delivery.Email,
            failure.Status == DeliveryStatus.Bounced ? "bounced" : "was dropped",
            failure.At.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", English));
        // One id per e-mail and recipient: the mail ledger sends it once even if an entry were ever committed twice.
        return MailRequest.Of($"delivery-failure:{mailId}:{recipientId}", FailureTemplate, model, [to], discloses: null)
            .ToOutbox($"delivery-failure-{recipientId}", now);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Ignored} of {Received} delivery event(s) ignored: not tracked, or about e-mails this app did not send")]
    private static partial void LogIgnored(ILogger logger, int ignored, int received);
}
