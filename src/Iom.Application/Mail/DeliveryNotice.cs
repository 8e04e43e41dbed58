using Iom.Domain.Mail;

namespace Iom.Application.Mail;

/// <summary>One event from the mail provider's delivery report, tied back to the e-mail this app sent.</summary>
/// <param name="MailId">The e-mail's idempotency key, which the provider echoes (the custom argument the sender set).</param>
/// <param name="Email">The recipient the event is about.</param>
public sealed record DeliveryNotice(string MailId, string Email, DeliveryEvent Event);
