using Iom.Application.Ports.Documents;

namespace Iom.Application.Mail;

/// <summary>Marks, in the person's partition, that the disclosure of one message was audited, so a redelivery is not audited twice.</summary>
[DocumentKind("mail-disclosed")]
public sealed record MailDisclosedMarker(string LedgerId);
