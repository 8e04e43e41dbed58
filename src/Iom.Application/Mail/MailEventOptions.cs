namespace Iom.Application.Mail;

/// <summary>
/// Bound from the provider's configuration section (SendGrid:EventWebhookPublicKey), the part the delivery events need: the public key SendGrid signs its Event
/// Webhook with (Settings › Mail Settings › Signed Event Webhook), base64 of its DER SubjectPublicKeyInfo, as SendGrid
/// shows it. Not a secret. Absent: every event post is refused (401) and health says so. Malformed: the app does not start.
/// </summary>
public sealed class MailEventOptions
{
    public string? EventWebhookPublicKey { get; set; }
}
