using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Domain.Releases;

namespace Iom.Application.Releases.Alerts;

/// <summary>
/// A recipient acknowledges a release alert (<see cref="ReleaseAlert.Acknowledge"/>): the alert and the Alteration record
/// in the person's log are one commit in their partition, with the alert's ETag, so a concurrent acknowledgement by
/// another recipient makes this one read again and retry rather than overwrite it. A repeat is answered with the alert
/// as it is (and recorded as a consultation). Someone who may not know the alert exists gets 404; a co-ordinator, who
/// may read every alert, but who is not one of its recipients gets 403 <c>not-a-recipient</c>.
/// </summary>
public sealed class AcknowledgeReleaseAlertHandler(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    public const string Purpose = "Offender management: acknowledging a release alert sent to you";

    private const int MaxAttempts = 5;

    public async Task<ReleaseAlert> HandleAsync(string alertId, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var who = ReleaseAlertReaders.Of(actor.Caller);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await documents.FindAlertAsync(alertId, cancellationToken);
            var alert = actor.Reach(stored?.Value, GetReleaseAlertHandler.NotFound);
            var now = time.GetUtcNow();
            ReleaseAlertAcknowledgement acknowledgement;
            try
            {
                acknowledgement = alert.Acknowledge(who, now);
            }
            catch (ReleaseAlertRefusedException refused)
            {
                throw new RefusalException(RefusalKind.Forbidden, refused.Reason, refused.Message, "Only the alert's recipients acknowledge it.");
            }

            if (!acknowledgement.Changed)
            {
                await audit.CommitAsync(actor.Entry(alert.PersonId, AuditOperation.Consultation, $"release-alert/{alert.Id}", now), [], cancellationToken);
                return alert;
            }

            try
            {
                await audit.CommitAsync(actor.Entry(alert.PersonId, AuditOperation.Alteration, $"release-alert/{alert.Id}/acknowledge", now),
                    [DocumentWrite.Replace(alert.Id, acknowledgement.Alert, stored!.ETag)], cancellationToken);
                return acknowledgement.Alert;
            }
            catch (DocumentPreconditionFailedException) when (attempt < MaxAttempts)
            {
                // Another recipient acknowledged (or the timer escalated) first: apply this acknowledgement to that version.
            }
        }
    }
}
