namespace Iom.Application.Mail;

/// <summary>
/// E-mail leaves through one queue so a slow or failing provider never holds up a request, and every message is
/// sent once per idempotency key however often the queue delivers it (<see cref="OnceOnlyMail"/>).
/// </summary>
public static class OutgoingMail
{
    public const string QueueName = "mail-outgoing";
}
