using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;

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

    /// <summary>
    /// Whom to tell when the provider reports a bounce or drop for one of its recipients (<see cref="MailRequest.ReportFailuresTo"/>);
    /// left out when nobody. The delivery events find it here by the e-mail's id (<see cref="MailDeliveries"/>).
    /// </summary>
    public MailAddress? ReportFailuresTo { get; init; }
}
