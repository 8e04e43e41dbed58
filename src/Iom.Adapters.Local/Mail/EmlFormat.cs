using System.Text;
using Iom.Application.Ports.Mail;
using MimeKit;
using MimeKit.Text;

namespace Iom.Adapters.Local.Mail;

/// <summary>
/// Writes a message as an RFC 5322 file with MimeKit: the HTML body with its plain-text alternative
/// (multipart/alternative), UTF-8 bodies quoted-printable so the file stays readable in a text editor, non-ASCII
/// header text as encoded-words, headers folded within 78 characters, CRLF line ends whatever the platform.
/// </summary>
internal static class EmlFormat
{
    private static readonly FormatOptions Format = CreateFormat();

    public static byte[] Write(MailMessage message, MailAddress from, DateTimeOffset date, string messageId)
    {
        using var mime = new MimeMessage();
        mime.From.Add(Mailbox(from));
        mime.To.AddRange(message.To.Select(Mailbox));
        // One header line: a line break in a subject must not become a header of its own.
        mime.Subject = string.Join(' ', message.Subject.ReplaceLineEndings("\n").Split('\n'));
        mime.Date = date;
        mime.MessageId = messageId;

        var text = Part(TextFormat.Plain, message.TextBody);
        // A message queued before e-mails had HTML has none: it goes as text alone.
        MimeEntity body = message.HtmlBody is null ? text : new MultipartAlternative { text, Part(TextFormat.Html, message.HtmlBody) };
        if (message.Attachments is { Count: > 0 } files)
        {
            var mixed = new Multipart("mixed") { body };
            foreach (var file in files)
            {
                mixed.Add(Attachment(file));
            }

            body = mixed;
        }

        mime.Body = body;

        using var output = new MemoryStream();
        mime.WriteTo(Format, output);
        return output.ToArray();
    }

    private static MailboxAddress Mailbox(MailAddress address)
    {
        // Only plain ASCII addresses: anything else would need SMTPUTF8, and a CR or LF would inject headers.
        if (!MailAddress.IsPlain(address.Email))
        {
            throw new MailDeliveryException("A recipient or sender address is not a plain e-mail address.");
        }

        return new MailboxAddress(address.Name ?? "", address.Email);
    }

    private static MimePart Attachment(MailAttachment file) =>
        new(ContentType.Parse(file.ContentType))
        {
            Content = new MimeContent(new MemoryStream(Convert.FromBase64String(file.Content))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = file.FileName,
        };

    private static TextPart Part(TextFormat format, string body)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, body.ReplaceLineEndings("\r\n"));
        return part;
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
