using Iom.Application.Api;
using Iom.Domain.Releases;

namespace Iom.Application.Releases.Alerts;

/// <summary>
/// A release alert as its recipients and co-ordinators see it, mapped field by field: what happened and when, who was
/// told and who has acknowledged, whether the lead professional's acknowledgement is due or was escalated, and whether
/// the caller has acknowledged (every entry they answer for).
/// </summary>
public sealed record ReleaseAlertView(
    string Id,
    string Reference,
    ReleaseAlertKind Kind,
    DateOnly ReleaseDate,
    int? DaysBefore,
    bool ForHealth,
    DateTimeOffset RaisedAt,
    DateTimeOffset? LeadAcknowledgementDue,
    DateTimeOffset? EscalatedAt,
    bool AcknowledgedByYou,
    IReadOnlyList<ReleaseAlertRecipientView> Recipients) : IApiResponse
{
    public static ReleaseAlertView Of(ReleaseAlert alert, ReleaseAlertAcknowledger reader)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var yours = alert.Recipients.Where(r => r.IsAnsweredBy(reader)).ToList();
        return new(alert.Id, ReleaseAlertDocuments.ReferenceOf(alert.Id), alert.Kind, alert.ReleaseDate, alert.DaysBefore, alert.ForHealth, alert.RaisedAt,
            alert.LeadAcknowledgementDue, alert.EscalatedAt, yours.Count > 0 && yours.All(r => r.IsAcknowledged()), [.. alert.Recipients.Select(ReleaseAlertRecipientView.Of)]);
    }
}
