namespace Iom.Domain.Mail;

/// <param name="Changed">False when the event changed nothing (seen before): nothing is written.</param>
/// <param name="FailureToReport">The e-mail's failure for this recipient must be reported now (once, ever).</param>
public sealed record RecipientDeliveryChange(RecipientDelivery Delivery, bool Changed, bool FailureToReport);
