using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Domain.Releases;

namespace Iom.Application.Releases.Alerts;

/// <summary>
/// One release alert, for its recipients and co-ordinators (<see cref="Access.ReleaseAlertAccess"/>); anyone else, and an
/// id that names no alert, get the same 404. It is about a person, so the read is recorded in their log first.
/// </summary>
public sealed class GetReleaseAlertHandler(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    public const string Purpose = "Offender management: reading a release alert sent to you";

    public async Task<ReleaseAlert> HandleAsync(string alertId, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var alert = actor.Reach((await documents.FindAlertAsync(alertId, cancellationToken))?.Value, NotFound);
        await audit.CommitAsync(actor.Entry(alert.PersonId, AuditOperation.Consultation, $"release-alert/{alert.Id}", time.GetUtcNow()), [], cancellationToken);
        return alert;
    }

    public static RefusalException NotFound() => new(RefusalKind.NotFound, "not-found", "There is no release alert with that id.");
}
