using Iom.Application.Ports.Rendering;

namespace Iom.Application.Ports.Mail;

public sealed record MailAddress(string Email, string? Name = null)
{
    /// <summary>
    /// Whether every mail adapter can send to <paramref name="email"/> as it is: printable ASCII (anything else needs
    /// SMTPUTF8), an '@', and none of the characters that need quoting in a header or could end one.
    /// </summary>
    public static bool IsPlain(string email) =>
        email.Contains('@', StringComparison.Ordinal) && !email.Any(c => c <= ' ' || c >= '\x7f' || "<>,;:\"()[]\\".Contains(c, StringComparison.Ordinal));
}

/// <summary>
/// An e-mail: HTML with a plain-text alternative, both from one template (<see cref="ITemplateRenderer.RenderMail"/>).
/// Bodies and subjects never carry personal data: a reference and a link to sign in and read.
/// </summary>
/// <param name="IdempotencyKey">Derived from the business event and recipient; the same key is never sent twice.</param>
/// <param name="HtmlBody">Always set by this app; a message queued before e-mails had HTML arrives without it, and goes as text alone.</param>
public sealed record MailMessage(
    string IdempotencyKey,
    IReadOnlyList<MailAddress> To,
    string Subject,
    string TextBody,
    string HtmlBody)
{
    /// <summary>A message with rendered content. (A factory, not a constructor: the mail queue deserialises the record.)</summary>
    public static MailMessage Of(string idempotencyKey, IReadOnlyList<MailAddress> to, RenderedMail content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new MailMessage(idempotencyKey, to, content.Subject, content.Text, content.Html);
    }
}

public interface IMailSender
{
    /// <exception cref="MailDeliveryException">The provider refused the message or stayed unavailable after retries.</exception>
    Task SendAsync(MailMessage message, CancellationToken cancellationToken = default);
}

public sealed class MailDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
