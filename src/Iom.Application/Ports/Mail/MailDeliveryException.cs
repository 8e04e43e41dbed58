namespace Iom.Application.Ports.Mail;

public sealed class MailDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
