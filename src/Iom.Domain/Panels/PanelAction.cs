using Iom.Domain.Referrals;

namespace Iom.Domain.Panels;

/// <summary>
/// An action a panel's minutes gave one member, due by a date: created when the minutes are finalised, done when its
/// owner (or a co-ordinator) completes it. Open actions past their due date are overdue and go on the next agenda.
/// </summary>
/// <param name="Id">Stable from the minutes (meeting id, version and position), so finalising again creates nothing new.</param>
/// <param name="MeetingId">The meeting whose minutes set it (<see cref="Panels.MeetingId"/> written out).</param>
/// <param name="OwnerMemberId">The owner's Entra object id (a <see cref="PanelMember.MemberId"/>).</param>
/// <param name="PersonId">The person the action is about, if any.</param>
public sealed record PanelAction(
    string Id,
    PanelCode Panel,
    string MeetingId,
    string Description,
    string OwnerMemberId,
    DateOnly DueDate,
    string? PersonId,
    PanelActionStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt = null,
    string? CompletedBy = null)
{
    public bool IsOverdue(DateOnly today) => Status == PanelActionStatus.Open && DueDate < today;
}
