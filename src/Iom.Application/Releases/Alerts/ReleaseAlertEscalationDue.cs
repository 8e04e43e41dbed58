using Iom.Application.Ports.Documents;

namespace Iom.Application.Releases.Alerts;

/// <summary>
/// When a release alert's lead professional is due to have acknowledged it: one document per alert in
/// <see cref="ReleaseAlertDocuments.EscalationPartition"/>, queried by <see cref="DueAt"/> (indexed) by the escalation
/// timer, so finding what is overdue costs the overdue ones, not every alert. Written from the outbox entry committed
/// with the alert; deleted once the alert is escalated or found acknowledged.
/// </summary>
/// <param name="DueAt">UTC, <c>yyyy-MM-ddTHH:mm:ssZ</c>: compared as text, which orders it.</param>
[DocumentKind("release-alert-escalation-due")]
public sealed record ReleaseAlertEscalationDue(string AlertId, string PersonId, string DueAt)
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString(Format, System.Globalization.CultureInfo.InvariantCulture);
}
