using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Iom.Application.Ports.Queues;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Mail;

/// <summary>
/// E-mail leaves through one queue so a slow or failing provider never holds up a request, and every message is
/// sent at most once per idempotency key however often the queue delivers it.
/// </summary>
public static class OutgoingMail
{
    public const string QueueName = "mail-outgoing";
}

/// <summary>
/// A message whose recipients learn something about a person (even only that a referral about someone exists): its
/// sending is a disclosure under the DPA 2018 s.62, audited in the person's log with every recipient, before it leaves.
/// </summary>
public sealed record MailDisclosure(string PersonId, string Subject, string Purpose, string CorrelationId);

/// <summary>What the outgoing mail queue carries: the message and, when it concerns a person, its disclosure.</summary>
public sealed record QueuedMail(MailMessage Message, MailDisclosure? Discloses);

/// <summary>Puts a message on the outgoing mail queue.</summary>
public sealed class MailOutbox(IQueueSender queue)
{
    public Task EnqueueAsync(MailMessage message, MailDisclosure? discloses, CancellationToken cancellationToken = default) =>
        queue.SendAsync(OutgoingMail.QueueName, JsonSerializer.Serialize(new QueuedMail(message, discloses), DocumentJson.Options), null, cancellationToken);
}

/// <summary>Marks, in the person's partition, that the disclosure of one message was audited, so a redelivery is not audited twice.</summary>
[DocumentKind("mail-disclosed")]
public sealed record MailDisclosedMarker(string LedgerId);

/// <summary>The record that a message with this idempotency key has been handed to the mail provider.</summary>
[DocumentKind("mail-sent")]
public sealed record MailSentRecord(string IdempotencyKey, DateTimeOffset SentAt, int Recipients);

/// <summary>
/// Hands a message to the mail provider unless the ledger says a message with its idempotency key has gone already,
/// and records it after. Every sender of e-mail goes through here, so a redelivered queue message never sends twice.
/// A message that discloses something about a person is audited first, with its recipients: if the record cannot be
/// written nothing is sent, and a send that fails after it leaves the record for the retry, which does not repeat it.
/// A message with any recipient outside the secure domains (<see cref="SecureMailDomains"/>) is not sent at all, to
/// anyone: it is logged (never with the address) and dropped, whatever flow made it.
/// </summary>
public sealed partial class OnceOnlyMail(
    IDocumentStore documents, AuditTrail audit, IMailSender sender, SecureMailDomains secureDomains, TimeProvider time, ILogger<OnceOnlyMail> logger)
{
    private static readonly AuditActor System = new("system:mail", "IOM Functions", []);

    public async Task SendAsync(MailMessage message, MailDisclosure? discloses, CancellationToken cancellationToken)
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
            await AuditDisclosureOnceAsync(message, discloses, key.Id, cancellationToken);
        }

        await sender.SendAsync(message, cancellationToken);
        try
        {
            await documents.CreateAsync(key, new MailSentRecord(message.IdempotencyKey, time.GetUtcNow(), message.To.Count), cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // A concurrent delivery of the same message recorded it first; both reached the provider only if both
            // passed the read above at the same instant, which the queue's visibility lease makes rare.
        }

        LogSent(logger, key.Id, message.To.Count);
    }

    private async Task AuditDisclosureOnceAsync(MailMessage message, MailDisclosure discloses, string ledgerId, CancellationToken cancellationToken)
    {
        var markerId = $"mail-disclosed-{ledgerId}";
        var marker = new DocumentKey(Containers.People, discloses.PersonId, markerId);
        if (await documents.ReadAsync<MailDisclosedMarker>(marker, cancellationToken) is not null)
        {
            return;
        }

        var entry = new AuditEntry(discloses.PersonId, AuditOperation.Disclosure, discloses.Subject, System, discloses.Purpose,
            time.GetUtcNow(), discloses.CorrelationId, message.To.Select(a => a.Email).ToList());
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

    public static DocumentKey LedgerKey(string idempotencyKey) => DocumentKey.Hashed(Containers.Operations, "mail", idempotencyKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {LedgerId} not sent: {Refused} of its {Recipients} recipient(s) are outside the secure domains (Mail:SecureDomains)")]
    private static partial void LogRefusedRecipients(ILogger logger, string ledgerId, int refused, int recipients);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {LedgerId} was already sent; delivery skipped")]
    private static partial void LogAlreadySent(ILogger logger, string ledgerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {LedgerId} sent to {Recipients} recipient(s)")]
    private static partial void LogSent(ILogger logger, string ledgerId, int recipients);
}

/// <summary>Sends one message taken off the outgoing mail queue.</summary>
public sealed class SendQueuedMail(OnceOnlyMail mail)
{
    public Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var queued = JsonSerializer.Deserialize<QueuedMail>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The queued mail message is null.");
        return mail.SendAsync(queued.Message, queued.Discloses, cancellationToken);
    }
}
