using Iom.Domain.Releases;

namespace Iom.Application.Releases.Alerts;

/// <summary>One recipient as the API shows it: their part, their agency, whether and when they acknowledged. No address.</summary>
public sealed record ReleaseAlertRecipientView(string Key, ReleaseAlertRecipientRole Role, string? Agency, bool ForHealth, bool Acknowledged, DateTimeOffset? AcknowledgedAt)
{
    public static ReleaseAlertRecipientView Of(ReleaseAlertRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return new(recipient.Key, recipient.Role, recipient.Agency, recipient.ForHealth, recipient.IsAcknowledged(), recipient.AcknowledgedAt);
    }
}
