using System.Globalization;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;

namespace Iom.Application.Panels.Actions;

/// <summary>
/// A member's actions (or, for a co-ordinator, anyone's), in due-date order, a page at a time. Reads stay flat: one
/// indexed query per panel partition the caller reaches (four at most), filtered by owner, status and due date and
/// ordered by due date (infra/containers.json), never a read of a panel's whole history. The panels' pages are merged
/// by due date then id; the token carries each panel's position (<see cref="ActionContinuation"/>). An action about a
/// person is personal data, so each person on the page has the read recorded in their audit log before the page is
/// answered; actions about nobody are not audited.
/// </summary>
public sealed class ListActionsHandler(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    public const int MaxPageSize = 100;

    public const string Purpose = "Panel administration: following up the actions panels allocated";

    public static RefusalException NotOwnActions() => new(
        RefusalKind.Forbidden, "not-own-actions", "Only a co-ordinator may list another member's actions.", "Ask for owner=me.");

    public async Task<ActionPage> HandleAsync(ActionQuery query, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var today = LondonTime.LondonDate(now);
        var owner = query.Owner == ActionQuery.Me ? actor.Caller.UserId : query.Owner == ActionQuery.Anyone ? null : query.Owner;
        if (!string.Equals(owner, actor.Caller.UserId, StringComparison.OrdinalIgnoreCase) && !actor.Caller.IsIn(Roles.Coordinator))
        {
            throw NotOwnActions();
        }

        var panels = Reachable(query.Panel, actor);
        var fingerprint = ActionContinuation.FingerprintOf(owner, query.Status?.ToString(), query.Overdue, query.Panel?.ToString(), query.PageSize);
        var positions = Start(query, panels, fingerprint);

        var filters = new List<FieldFilter>();
        if (owner is not null)
        {
            filters.Add(FieldFilter.EqualTo("ownerMemberId", owner));
        }

        if ((query.Overdue ? PanelActionStatus.Open : query.Status) is { } status)
        {
            filters.Add(FieldFilter.EqualTo("status", WireNames.Of(status)));
        }

        if (query.Overdue)
        {
            filters.Add(FieldFilter.Before("dueDate", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        // One query per panel still to read, all at once.
        var reads = await Task.WhenAll(positions.Select(async p =>
        {
            DocumentPage<PanelAction> page;
            try
            {
                page = await documents.QueryAsync<PanelAction>(new DocumentQuery(Containers.Panels, PanelActionDocuments.PartitionOf(p.Key))
                {
                    Filters = filters,
                    OrderBy = "dueDate",
                    PageSize = query.PageSize,
                    Continuation = p.Value.Token,
                }, cancellationToken);
            }
            catch (InvalidContinuationException)
            {
                throw BadContinuation();
            }

            return new PanelRead(p.Key, p.Value, page.Items.Skip(p.Value.Skip).Select(i => i.Value).ToList(), page.Continuation);
        }));

        var items = Merge(reads, query.PageSize);
        var next = new Dictionary<string, ActionContinuation.Position>(StringComparer.Ordinal);
        foreach (var read in reads)
        {
            if (read.Taken < read.Buffer.Count)
            {
                next[PanelDirectory.Code(read.Panel)] = read.Start with { Skip = read.Start.Skip + read.Taken };
            }
            else if (read.NextToken is not null)
            {
                next[PanelDirectory.Code(read.Panel)] = new ActionContinuation.Position(read.NextToken, 0);
            }
        }

        await AuditAsync(items, actor, now, cancellationToken);
        return new ActionPage(items, today, next.Count == 0 ? null : new ActionContinuation(next).Encode(fingerprint));
    }

    // Panels asked for that the caller reaches: one named (404 if not theirs), or every panel they reach.
    private static List<PanelCode> Reachable(PanelCode? panel, ActingAs actor)
    {
        if (panel is { } one)
        {
            return [actor.Reach(one, PanelDirectory.NotFound)];
        }

        var reached = new List<PanelCode>();
        foreach (var candidate in Enum.GetValues<PanelCode>())
        {
            try
            {
                reached.Add(actor.Reach(candidate, PanelDirectory.NotFound));
            }
            catch (RefusalException)
            {
                // Not a panel this caller sits on: not listed, as if it had no actions.
            }
        }

        return reached;
    }

    private static Dictionary<PanelCode, ActionContinuation.Position> Start(ActionQuery query, List<PanelCode> panels, string fingerprint)
    {
        if (query.Continuation is null)
        {
            return panels.ToDictionary(p => p, _ => new ActionContinuation.Position(null, 0));
        }

        var token = ActionContinuation.TryDecode(query.Continuation, fingerprint) ?? throw BadContinuation();
        var positions = new Dictionary<PanelCode, ActionContinuation.Position>();
        foreach (var (code, position) in token.Panels)
        {
            // A panel the caller no longer reaches (or never did) cannot be read on through a token.
            if (!PanelDirectory.TryParse(code, out var panel) || !panels.Contains(panel))
            {
                throw BadContinuation();
            }

            positions[panel] = position;
        }

        return positions;
    }

    /// <summary>
    /// Due date then id across the panels' pages. An item is given only while every panel that may hold more has an
    /// item in hand: one with its page used up and more to read could hold an earlier one, so the page ends there.
    /// </summary>
    private static List<PanelAction> Merge(PanelRead[] reads, int pageSize)
    {
        var items = new List<PanelAction>();
        while (items.Count < pageSize)
        {
            if (reads.Any(r => r.Taken == r.Buffer.Count && r.NextToken is not null))
            {
                break;
            }

            var next = reads.Where(r => r.Taken < r.Buffer.Count)
                .OrderBy(r => r.Buffer[r.Taken].DueDate).ThenBy(r => r.Buffer[r.Taken].Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (next is null)
            {
                break;
            }

            items.Add(next.Buffer[next.Taken++]);
        }

        return items;
    }

    private async Task AuditAsync(List<PanelAction> items, ActingAs actor, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Task.WhenAll(items.Where(i => i.PersonId is not null).GroupBy(i => i.PersonId!, StringComparer.Ordinal).Select(person =>
            audit.CommitAsync([.. person.Select(a => actor.Entry(person.Key, AuditOperation.Consultation, $"action/{a.Id}", now))], [], cancellationToken)));

    public static ValidationFailedException BadContinuation() => new(new Dictionary<string, string[]>
    {
        ["continuation"] = ["The continuation is not one this list gave: start again from the first page"],
    });

    private sealed class PanelRead(PanelCode panel, ActionContinuation.Position start, List<PanelAction> buffer, string? nextToken)
    {
        public PanelCode Panel { get; } = panel;
        public ActionContinuation.Position Start { get; } = start;
        public List<PanelAction> Buffer { get; } = buffer;
        public string? NextToken { get; } = nextToken;
        public int Taken { get; set; }
    }
}
