using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Actions;

/// <summary>What <c>GET /api/actions</c> asks for.</summary>
/// <param name="Owner"><see cref="Me"/>, <see cref="Anyone"/> (co-ordinators only) or a member's object id (co-ordinators only).</param>
/// <param name="Panel">One panel, or null for every panel the caller reaches.</param>
/// <param name="Status">Only actions with this status; null for all.</param>
/// <param name="Overdue">Only open actions due before today (London date).</param>
/// <param name="Continuation">The <see cref="ActionPage.Continuation"/> of the page before, or null for the first page.</param>
public sealed record ActionQuery(string Owner, PanelCode? Panel, PanelActionStatus? Status, bool Overdue, int PageSize, string? Continuation = null)
{
    public const string Me = "me";
    public const string Anyone = "any";
}
