using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;

namespace Iom.Application.Panels.Actions;

/// <summary>
/// Marks an action done, by its owner or a co-ordinator (<see cref="PanelAction.Complete"/>). Idempotent for its
/// caller: completing an action the same caller already completed answers the action as it is, so a retried request
/// gets the first answer; an action someone else completed is a 409 <c>action-already-done</c>, and a member of the
/// panel who is not the owner gets 403 <c>not-action-owner</c>. <c>If-Match</c> is optional: with an ETag that is no
/// longer current (and no replay) the answer is 412 and nothing is written. An action about a person is personal data:
/// the change is recorded in that person's audit log (an Alteration) before the action is replaced; the two live in
/// different partitions, so a replace that then loses a race (412) leaves a record of the attempt, never a change
/// without its record.
/// </summary>
public sealed class CompleteActionHandler(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    public const string Purpose = "Panel administration: recording that an allocated action is done";

    /// <param name="ifMatch">The ETag the caller read, without quotes; null to complete whatever the action's version.</param>
    public async Task<StoredDocument<PanelAction>> HandleAsync(string actionId, string? ifMatch, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stored = await GetActionHandler.ReadAsync(documents, actionId, actor, cancellationToken);
        var action = stored.Value;
        var now = time.GetUtcNow();
        var caller = actor.Caller.UserId;
        if (action.Status == PanelActionStatus.Done && string.Equals(action.CompletedBy, caller, StringComparison.OrdinalIgnoreCase))
        {
            // A repeat of this caller's own completion: the same answer, nothing changed.
            if (action.PersonId is { } person)
            {
                await audit.CommitAsync(actor.Entry(person, AuditOperation.Consultation, $"action/{actionId}", now), [], cancellationToken);
            }

            return stored;
        }

        PanelAction completed;
        try
        {
            completed = action.Complete(now, caller, actor.Caller.IsIn(Roles.Coordinator));
        }
        catch (PanelActionRefusedException refused)
        {
            throw refused.Reason == PanelActionRefusedException.NotOwner
                ? new RefusalException(RefusalKind.Forbidden, refused.Reason, refused.Message, "Ask its owner, or a co-ordinator, to complete it.")
                : new RefusalException(RefusalKind.Conflict, refused.Reason, refused.Message,
                    "Someone else completed it.", new Dictionary<string, object?> { ["completedAt"] = action.CompletedAt });
        }

        if (ifMatch is not null && ifMatch != stored.ETag)
        {
            throw new RefusalException(RefusalKind.Stale, "stale", "Someone else changed this action first.", "Read it again and retry.");
        }

        if (action.PersonId is { } personId)
        {
            await audit.CommitAsync(actor.Entry(personId, AuditOperation.Alteration, $"action/{actionId}/complete", now), [], cancellationToken);
        }

        return await documents.ReplaceAsync(stored.Key, completed, stored.ETag, cancellationToken);
    }
}
