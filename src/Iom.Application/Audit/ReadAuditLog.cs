using Iom.Application.Access;
using Iom.Application.Api;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Audit;

/// <summary>
/// A person's audit log for auditors, a page at a time in sequence order: one indexed query of the person's records
/// (<c>/body/sequence</c>, infra/containers.json), so a page costs the same however long the chain has grown.
/// Whether the chain is intact is <see cref="AuditTrail.VerifyAsync(string, CancellationToken)"/>'s answer, which reads
/// it whole.
/// </summary>
public sealed class ReadAuditLog(IDocumentStore documents, AuditTrail trail, TimeProvider time)
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    public async Task<AuditLogPage> HandleAsync(AuditLogQuery query, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        actor.Reach(new PersonRef(query.PersonId), People.ExportPerson.NotFound);

        // Reading the log is consulting the person's records like any other read: audited first, every page (a token is
        // no proof that the first page was read, or by whom).
        var own = await trail.CommitConsultationAsync(actor, query.PersonId, $"audit/{query.PersonId}", time.GetUtcNow(), cancellationToken);

        // Each page appends its own record, so the reading stops where the log stood at its first page: otherwise a
        // page of one record would find a new one after it every time and never end. No record (nothing held about
        // the person) means nothing to read; one in the operations chain (a chain whose head is gone) leaves it open.
        var through = query.Through ?? (own is null ? 0 : own.PersonId == query.PersonId ? own.Sequence : null);
        if (through == 0)
        {
            return new AuditLogPage(query.PersonId, [], null, null);
        }

        var page = await documents.PageAsync<AuditRecord>(new DocumentQuery(Containers.People, query.PersonId)
        {
            Filters = through is { } last ? [FieldFilter.Before("sequence", last + 1)] : [],
            OrderBy = "sequence",
            PageSize = query.PageSize,
            Continuation = query.Continuation,
        }, cancellationToken);
        return new AuditLogPage(query.PersonId, [.. page.Items.Select(stored => stored.Value)], page.Continuation, through);
    }
}
