namespace Iom.Application.Mail;

/// <summary>
/// What the delivery-failure e-mail to a co-ordinator says: which e-mail (its id, which names a referral or a
/// circulation, never a person), which recipient (a staff address), what happened and when. No personal data of anyone
/// the e-mail was about.
/// </summary>
/// <param name="Outcome">"bounced" or "was dropped".</param>
/// <param name="At">When the provider reported it, as written in the e-mail.</param>
public sealed record DeliveryFailureMailModel(string Mail, string Recipient, string Outcome, string At);
