using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;

namespace Iom.Application.Mail;

/// <summary>
/// Written just before a message is handed to the provider and removed if the provider reports a failure: found by a
/// redelivery with no <see cref="MailSentRecord"/>, it means a delivery stopped between handing over and recording.
/// </summary>
[DocumentKind("mail-sending")]
public sealed record MailSendingRecord(string IdempotencyKey, DateTimeOffset StartedAt)
{
    /// <summary>See <see cref="MailRequest.ReportFailuresTo"/>: kept here too, as delivery events can arrive before the sent record is written.</summary>
    public MailAddress? ReportFailuresTo { get; init; }
}
