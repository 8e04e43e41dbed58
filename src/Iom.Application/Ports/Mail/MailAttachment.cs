namespace Iom.Application.Ports.Mail;

/// <summary>A file sent with an e-mail (an iCalendar invitation). Never personal data: it travels in the outbox and the queue.</summary>
/// <param name="ContentType">The MIME type with its parameters, e.g. <c>text/calendar; method=REQUEST; charset=utf-8</c>.</param>
/// <param name="Content">The file's content in base64.</param>
public sealed record MailAttachment(string FileName, string ContentType, string Content);
