namespace Iom.Domain.Mail;

/// <summary>One event the mail provider reported about one recipient of one e-mail.</summary>
/// <param name="EventId">The provider's own id for the event (SendGrid's <c>sg_event_id</c>): the same event reported twice has the same id.</param>
/// <param name="At">When the provider says it happened (not when it was reported: events arrive out of order).</param>
public sealed record DeliveryEvent(string EventId, DeliveryStatus Status, DateTimeOffset At)
{
    /// <summary>A failure the sender should hear about: the message will not reach this recipient.</summary>
    public bool IsFailure => Status is DeliveryStatus.Bounced or DeliveryStatus.Dropped;
}
