using Iom.Application.Audit;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Mail;

/// <summary>
/// Hands a message to the mail provider unless the ledger says a message with its idempotency key has gone already,
/// and records it after. Every sender of e-mail goes through here, so a redelivered queue message never sends twice.
/// A message that discloses something about a person is audited first, with its recipients: if the record cannot be
/// written nothing is sent, and a send that fails after it leaves the record for the retry, which does not repeat it.
/// A delivery that stopped between handing a message over and recording it (a crash) leaves its attempt record; the
/// redelivery sends again, so a recipient may get a second copy but never none (accepted work is never lost: a release
/// alert that might not have left matters more than one that arrives twice), recorded as unconfirmed and logged.
/// A message with any recipient outside the secure domains (<see cref="SecureMailDomains"/>) is not sent at all, to
/// anyone: it is logged (never with the address) and dropped, whatever flow made it.
/// </summary>
public sealed partial class OnceOnlyMail(
    IDocumentStore documents, AuditTrail audit, IMailSender sender, SecureMailDomains secureDomains, TimeProvider time, ILogger<OnceOnlyMail> logger)
{
    private static readonly AuditActor System = new("system:mail", "IOM Functions", []);

    public Task SendAsync(MailMessage message, MailDisclosure? discloses, CancellationToken cancellationToken) =>
        SendAsync(message, discloses, reportFailuresTo: null, cancellationToken);

    /// <param name="reportFailuresTo">Whom to tell of a bounce or drop, kept in the ledger for the delivery events (<see cref="MailDeliveries"/>).</param>
    public async Task SendAsync(MailMessage message, MailDisclosure? discloses, MailAddress? reportFailuresTo, CancellationToken cancellationToken)
    {
        var key = LedgerKey(message.IdempotencyKey);
        var refused = message.To.Count(to => !secureDomains.Allows(to.Email));
        if (refused > 0 || message.To.Count == 0)
        {
            // Not an error to retry: the same message would be refused again. Nothing is disclosed, so nothing is audited.
            LogRefusedRecipients(logger, key.Id, refused, message.To.Count);
            return;
        }

        if (await documents.ReadAsync<MailSentRecord>(key, cancellationToken) is not null)
        {
            LogAlreadySent(logger, key.Id);
            return;
        }

        if (discloses is not null)
        {
            // One record per person's chain, all with the same disclosure id: a commit reaches one partition only, and
            // a person's log (which a subject-access export hands to that person) must not name the others.
            foreach (var personId in discloses.PersonIds.Distinct(StringComparer.Ordinal))
            {
                await AuditDisclosureOnceAsync(message, discloses, personId, key.Id, cancellationToken);
            }
        }

        // The attempt is recorded first, so a delivery that stopped after the provider may have taken the message (before
        // the record below) is known to the redelivery: it sends again (at least once) and says it may be a second copy.
        var attempt = AttemptKey(key);
        var unconfirmed = false;
        try
        {
            await documents.CreateAsync(attempt, new MailSendingRecord(message.IdempotencyKey, time.GetUtcNow()) { ReportFailuresTo = reportFailuresTo }, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            unconfirmed = true;
            LogUnconfirmed(logger, key.Id);
        }

        try
        {
            await sender.SendAsync(message, cancellationToken);
        }
        catch (Exception)
        {
            // A failure reported to us (the provider refused, the call was cancelled) means not sent as far as we know,
            // so the retry sends it; removing the attempt allows that. Only a delivery that stopped dead leaves it.
            await documents.DeleteAsync(attempt, null, CancellationToken.None);
            throw;
        }

        await RecordSentAsync(key, attempt, new MailSentRecord(message.IdempotencyKey, time.GetUtcNow(), message.To.Count) { Unconfirmed = unconfirmed ? true : null, ReportFailuresTo = reportFailuresTo }, cancellationToken);
        LogSent(logger, key.Id, message.To.Count);
    }

    private async Task AuditDisclosureOnceAsync(MailMessage message, MailDisclosure discloses, string personId, string ledgerId, CancellationToken cancellationToken)
    {
        var markerId = $"mail-disclosed-{ledgerId}";
        var marker = new DocumentKey(Containers.People, personId, markerId);
        if (await documents.ReadAsync<MailDisclosedMarker>(marker, cancellationToken) is not null)
        {
            return;
        }

        var entry = new AuditEntry(personId, AuditOperation.Disclosure, discloses.Subject, System, discloses.Purpose,
            time.GetUtcNow(), discloses.CorrelationId, message.To.Select(a => a.Email).ToList())
        {
            DisclosureId = message.IdempotencyKey,
            DisclosurePeople = discloses.PersonIds.Distinct(StringComparer.Ordinal).Count(),
        };
        try
        {
            await audit.CommitAsync(entry, [DocumentWrite.Create(markerId, new MailDisclosedMarker(ledgerId))], cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // A concurrent delivery of the same message audited it first; any other conflict is a real failure.
            if (await documents.ReadAsync<MailDisclosedMarker>(marker, cancellationToken) is null)
            {
                throw;
            }
        }
    }

    /// <summary>
    /// Records the message as sent and removes the attempt, which the sent record makes unnecessary (left behind, it
    /// is harmless): one commit, since both live in the ledger's partition. A concurrent delivery may have recorded it
    /// first (then only the attempt goes) or removed the attempt (then the record is written alone).
    /// </summary>
    private async Task RecordSentAsync(DocumentKey key, DocumentKey attempt, MailSentRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await documents.CommitAsync(key.Container, key.Partition, [DocumentWrite.Create(key.Id, record), DocumentWrite.Delete(attempt.Id)], cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // A concurrent delivery of the same message recorded it first.
            await documents.DeleteAsync(attempt, null, cancellationToken);
        }
        catch (DocumentNotFoundException)
        {
            try
            {
                await documents.CreateAsync(key, record, cancellationToken);
            }
            catch (DocumentConflictException)
            {
                // Recorded first by a concurrent delivery, after all.
            }
        }
    }

    public static DocumentKey LedgerKey(string idempotencyKey) => DocumentKey.Hashed(Containers.Operations, "mail", idempotencyKey);

    /// <summary>Where the attempt to send the message with this ledger key is recorded, beside the ledger entry.</summary>
    public static DocumentKey AttemptKey(DocumentKey ledgerKey) => ledgerKey with { Id = "sending-" + ledgerKey.Id };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {LedgerId}: an earlier delivery stopped while handing it to the provider; sending again, so recipients may get a second copy (the provider's activity log has the first by its idempotency key if it left)")]
    private static partial void LogUnconfirmed(ILogger logger, string ledgerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {LedgerId} not sent: {Refused} of its {Recipients} recipient(s) are outside the secure domains (Mail:SecureDomains)")]
    private static partial void LogRefusedRecipients(ILogger logger, string ledgerId, int refused, int recipients);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {LedgerId} was already sent; delivery skipped")]
    private static partial void LogAlreadySent(ILogger logger, string ledgerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {LedgerId} sent to {Recipients} recipient(s)")]
    private static partial void LogSent(ILogger logger, string ledgerId, int recipients);
}
