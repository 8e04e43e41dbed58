using Iom.Application.Api;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Actions;

/// <summary>A panel action as the API shows it, mapped field by field; <see cref="Overdue"/> is as of the day it was read (London).</summary>
public sealed record PanelActionView(
    string Id,
    PanelCode Panel,
    string MeetingId,
    string Description,
    string OwnerMemberId,
    DateOnly DueDate,
    string? PersonId,
    PanelActionStatus Status,
    bool Overdue,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? CompletedBy) : IApiResponse
{
    public static PanelActionView Of(PanelAction action, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new(action.Id, action.Panel, action.MeetingId, action.Description, action.OwnerMemberId, action.DueDate, action.PersonId,
            action.Status, action.IsOverdue(today), action.CreatedAt, action.CompletedAt, action.CompletedBy);
    }
}
