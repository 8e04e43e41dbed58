using Iom.Application.Ports.Documents;

namespace Iom.Application.Mail;

/// <summary>The record that a message with this idempotency key has been handed to the mail provider.</summary>
[DocumentKind("mail-sent")]
public sealed record MailSentRecord(string IdempotencyKey, DateTimeOffset SentAt, int Recipients)
{
    /// <summary>
    /// True when an earlier delivery began handing the message over and stopped before recording how it went, so this
    /// send may be a second copy. Left out when false.
    /// </summary>
    public bool? Unconfirmed { get; init; }
}
