namespace Iom.Application.Ports.Mail;

public interface IMailSender
{
    /// <exception cref="MailDeliveryException">The provider refused the message or stayed unavailable after retries.</exception>
    Task SendAsync(MailMessage message, CancellationToken cancellationToken = default);
}
