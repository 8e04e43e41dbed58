using Iom.Application.Ports.Rendering;

namespace Iom.Application.Ports.Mail;

/// <summary>
/// An e-mail: HTML with a plain-text alternative, both from one template (<see cref="ITemplateRenderer.RenderMail"/>).
/// Bodies and subjects never carry personal data: a reference and a link to sign in and read.
/// </summary>
/// <param name="IdempotencyKey">Derived from the business event and recipient; the same key is never sent twice.</param>
/// <param name="HtmlBody">Always set by this app; a message queued before e-mails had HTML arrives without it, and goes as text alone.</param>
/// <param name="Attachments">Files sent with it (an invitation); null or empty for none.</param>
public sealed record MailMessage(
    string IdempotencyKey,
    IReadOnlyList<MailAddress> To,
    string Subject,
    string TextBody,
    string HtmlBody,
    IReadOnlyList<MailAttachment>? Attachments = null)
{
    /// <summary>A message with rendered content. (A factory, not a constructor: the mail queue deserialises the record.)</summary>
    public static MailMessage Of(string idempotencyKey, IReadOnlyList<MailAddress> to, RenderedMail content, IReadOnlyList<MailAttachment>? attachments = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new MailMessage(idempotencyKey, to, content.Subject, content.Text, content.Html, attachments is { Count: > 0 } ? attachments : null);
    }
}
