using Iom.Application.Access;
using Iom.Application.Errors;

namespace Iom.Application.Audit;

/// <summary>A person's audit log for auditors, with the verdict on its hash chain.</summary>
public sealed class ReadAuditLog(AuditTrail trail, TimeProvider time)
{
    public async Task<AuditLog> HandleAsync(AuditLogQuery query, ActingAs actor, CancellationToken cancellationToken)
    {
        actor.Reach(new PersonRef(query.PersonId), People.ExportPerson.NotFound);
        if (query.From > query.To)
        {
            throw ValidationFailedException.For("from", "The start must be before the end");
        }

        // Reading the log is consulting the person's records like any other read: audited first.
        await trail.CommitConsultationAsync(actor, query.PersonId, $"audit/{query.PersonId}", time.GetUtcNow(), cancellationToken);
        var records = await trail.ReadAsync(query.PersonId, cancellationToken);
        var chain = await trail.VerifyAsync(query.PersonId, cancellationToken);
        var inRange = records.Where(r => (query.From is null || r.At >= query.From) && (query.To is null || r.At <= query.To)).ToList();
        return new AuditLog(query.PersonId, [.. inRange.Select(AuditRecordView.Of)], chain);
    }
}
