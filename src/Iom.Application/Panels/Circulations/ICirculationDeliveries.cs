namespace Iom.Application.Panels.Circulations;

/// <summary>
/// SEAM for the SendGrid Event Webhook (issue 10, built in another part): what the provider last said of one e-mail
/// (<c>delivered</c>, <c>bounce</c>, <c>dropped</c>), by its mail id. Until the webhook's per-recipient records
/// (<c>MailDeliveries.ForAsync(mailId)</c>) are on main, <see cref="NoDeliveryRecords"/> answers null and a
/// circulation shows only queued, held and sent. Wiring it is one implementation of this interface.
/// </summary>
public interface ICirculationDeliveries
{
    /// <summary>The provider's latest delivery state of the e-mail, or null when none is known.</summary>
    Task<string?> StateOfAsync(string mailId, CancellationToken cancellationToken);
}
