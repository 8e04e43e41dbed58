using Iom.Domain.Calendar;
using Iom.Domain.Releases;

namespace Iom.Domain.Performance.Facts;

/// <summary>
/// One release alert: its kind, the London date it was raised, minutes from the release (or reminder) occurring to
/// the alert going out, and minutes from going out to the first acknowledgement (the lead professional's when there
/// is one, otherwise anyone's; null until acknowledged).
/// </summary>
public sealed record ReleaseAlertFact(string Id, ReleaseAlertKind Kind, DateOnly Raised, int MinutesToSend, int? MinutesToAcknowledge)
{
    public static ReleaseAlertFact Of(ReleaseAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var lead = alert.Recipients.FirstOrDefault(r => r.Role == ReleaseAlertRecipientRole.LeadProfessional);
        var acknowledged = lead is not null
            ? lead.AcknowledgedAt
            : alert.Recipients.Where(r => r.AcknowledgedAt is not null).Select(r => r.AcknowledgedAt).Min();
        return new ReleaseAlertFact(
            alert.Id,
            alert.Kind,
            LondonTime.LondonDate(alert.RaisedAt),
            WholeMinutes(alert.RaisedAt - alert.OccurredAt),
            acknowledged is { } at ? WholeMinutes(at - alert.RaisedAt) : null);
    }

    // Whole minutes (never negative: a clock skew between prison and us is not a negative wait) keep the
    // histograms small and exact.
    private static int WholeMinutes(TimeSpan span) => (int)Math.Max(0, Math.Floor(span.TotalMinutes));
}
