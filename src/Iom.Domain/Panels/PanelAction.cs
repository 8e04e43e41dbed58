using Iom.Domain.Calendar;
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
    /// <summary>How many working days before the due date the owner is first reminded.</summary>
    public const int ReminderWorkingDaysBefore = 2;

    public bool IsOverdue(DateOnly today) => Status == PanelActionStatus.Open && DueDate < today;

    /// <summary>Whether <paramref name="memberId"/> (an object id) owns this action.</summary>
    public bool IsOwnedBy(string memberId) => string.Equals(OwnerMemberId, memberId, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Marks the action done by <paramref name="by"/> (an object id). Only its owner, or a co-ordinator, may; a done
    /// action cannot be completed again. Each refusal names its rule (<see cref="PanelActionRefusedException.Reason"/>)
    /// and changes nothing.
    /// </summary>
    public PanelAction Complete(DateTimeOffset at, string by, bool byCoordinator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (!byCoordinator && !IsOwnedBy(by))
        {
            throw new PanelActionRefusedException(PanelActionRefusedException.NotOwner, "Only the action's owner or a co-ordinator may complete it.");
        }

        if (Status == PanelActionStatus.Done)
        {
            throw new PanelActionRefusedException(PanelActionRefusedException.AlreadyDone, "The action is already done.");
        }

        return this with { Status = PanelActionStatus.Done, CompletedAt = at, CompletedBy = by };
    }

    /// <summary>
    /// Whether the owner is reminded on <paramref name="today"/>: only on a working day, while the action is open, on
    /// the working day <see cref="ReminderWorkingDaysBefore"/> working days before the due date, and on every working
    /// day after the due date.
    /// </summary>
    public bool ReminderDueOn(DateOnly today, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Status == PanelActionStatus.Open && calendar.IsWorkingDay(today)
            && (DueDate < today || calendar.AddWorkingDays(DueDate, -ReminderWorkingDaysBefore) == today);
    }

    /// <summary>
    /// The day before which every action reminded on <paramref name="today"/> falls due: overdue ones and those whose
    /// first reminder is today (due up to the day before the third working day from today). What the reminder query
    /// asks for, so it reads open actions in this window only.
    /// </summary>
    public static DateOnly ReminderWindowEnd(DateOnly today, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(today, ReminderWorkingDaysBefore + 1);
    }
}
