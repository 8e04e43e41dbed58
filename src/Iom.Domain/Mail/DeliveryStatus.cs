using Iom.Domain.Wire;

namespace Iom.Domain.Mail;

/// <summary>What the mail provider last said about one recipient of one e-mail (SendGrid's event names).</summary>
public enum DeliveryStatus
{
    /// <summary>Accepted by the provider, not yet handed on.</summary>
    [WireName("processed")] Processed,

    /// <summary>The receiving server asked the provider to try again later; it will.</summary>
    [WireName("deferred")] Deferred,

    /// <summary>The receiving server took the message.</summary>
    [WireName("delivered")] Delivered,

    /// <summary>The receiving server refused the message for good.</summary>
    [WireName("bounce")] Bounced,

    /// <summary>The provider would not send it (a suppressed or invalid address).</summary>
    [WireName("dropped")] Dropped,
}
