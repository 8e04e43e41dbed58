using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;

namespace Iom.Application.Panels.Actions;

/// <summary>
/// One panel action, for the callers <see cref="Access.PanelActionAccess"/> lets reach it; anyone else is told it does
/// not exist. An action about a person is personal data: its read is recorded in that person's audit log before it is
/// answered. An action about nobody is not audited.
/// </summary>
public sealed class GetActionHandler(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    public const string Purpose = "Panel administration: reading an action a panel allocated";

    public async Task<StoredDocument<PanelAction>> HandleAsync(string actionId, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stored = await ReadAsync(documents, actionId, actor, cancellationToken);
        if (stored.Value.PersonId is { } personId)
        {
            await audit.CommitAsync(actor.Entry(personId, AuditOperation.Consultation, $"action/{actionId}", time.GetUtcNow()), [], cancellationToken);
        }

        return stored;
    }

    /// <summary>The action, if the id names one and the caller reaches it; otherwise 404, the same for both.</summary>
    internal static async Task<StoredDocument<PanelAction>> ReadAsync(IDocumentStore documents, string actionId, ActingAs actor, CancellationToken cancellationToken)
    {
        if (!PanelActionDocuments.TryParse(actionId, out var panel))
        {
            throw NotFound();
        }

        var stored = await documents.ReadAsync<PanelAction>(PanelActionDocuments.KeyOf(panel, actionId), cancellationToken);
        actor.Reach(stored?.Value, NotFound);
        return stored!;
    }

    public static RefusalException NotFound() => new(RefusalKind.NotFound, "not-found", "There is no action with that id.");
}
