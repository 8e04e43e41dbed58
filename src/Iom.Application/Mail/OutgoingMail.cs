using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

/// <summary>Puts a message on the outgoing mail queue.</summary>
public sealed class MailOutbox(IQueueSender queue)
{
    public Task EnqueueAsync(MailMessage message, CancellationToken cancellationToken = default) =>
        queue.SendAsync(OutgoingMail.QueueName, JsonSerializer.Serialize(message, DocumentJson.Options), null, cancellationToken);
}

/// <summary>The record that a message with this idempotency key has been handed to the mail provider.</summary>
[DocumentKind("mail-sent")]
public sealed record MailSentRecord(string IdempotencyKey, DateTimeOffset SentAt, int Recipients);

/// <summary>
/// Hands a message to the mail provider unless the ledger says a message with its idempotency key has gone already,
/// and records it after. Every sender of e-mail goes through here, so a redelivered queue message never sends twice.
/// </summary>
public sealed partial class OnceOnlyMail(IDocumentStore documents, IMailSender sender, TimeProvider time, ILogger<OnceOnlyMail> logger)
{
    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        var key = LedgerKey(message.IdempotencyKey);
        if (await documents.ReadAsync<MailSentRecord>(key, cancellationToken) is not null)
        {
            LogAlreadySent(logger, key.Id);
            return;
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

    // Keys may hold any characters; the ledger's id is a hash so it is always a valid document id.
    public static DocumentKey LedgerKey(string idempotencyKey)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
        return new DocumentKey(Containers.Operations, "mail-" + hash[..2], hash);
    }

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
        var message = JsonSerializer.Deserialize<MailMessage>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The queued mail message is null.");
        return mail.SendAsync(message, cancellationToken);
    }
}
