using Iom.Domain.Calendar;

namespace Iom.Domain.Panels;

/// <summary>
/// What may happen to a meeting once scheduled. Plain rules over plain values, "now" always a parameter: the
/// application's <c>Meeting</c> document calls them from its <c>Cancel</c> and <c>MoveTo</c>.
/// </summary>
public static class MeetingRules
{
    public const string Held = "meeting-held";
    public const string Cancelled = "meeting-cancelled";
    public const string DateInPast = "date-in-past";
    public const string NotAWorkingDay = "not-a-working-day";
    public const string PanelAlreadyMeets = "panel-already-meets";
    public const string NothingChanged = "nothing-changed";

    /// <summary>Whether the meeting has begun by <paramref name="now"/>: its date and start time are London civil time.</summary>
    public static bool HasBegun(DateOnly date, TimeOnly startTime, DateTimeOffset now) =>
        LondonTime.ToLondon(now).DateTime >= date.ToDateTime(startTime);

    /// <summary>A meeting already held, or cancelled, cannot be cancelled or moved: its minutes or its cancellation stand.</summary>
    /// <exception cref="MeetingRuleException">It is cancelled (<see cref="Cancelled"/>) or has begun (<see cref="Held"/>).</exception>
    public static void RequireChangeable(MeetingStatus status, DateOnly date, TimeOnly startTime, DateTimeOffset now)
    {
        if (status == MeetingStatus.Cancelled)
        {
            throw new MeetingRuleException(Cancelled, "The meeting is cancelled: it cannot be changed.", stateConflict: true);
        }

        if (HasBegun(date, startTime, now))
        {
            throw new MeetingRuleException(Held, "The meeting has already been held: it cannot be changed.", stateConflict: true);
        }
    }

    /// <summary>
    /// A meeting may move to a working day (not a weekend or bank holiday) still ahead, on which the panel has no other
    /// meeting, and the move must change something (the day, the start time or the place).
    /// </summary>
    /// <param name="panelMeetsThatDay">Whether another meeting of the panel, not cancelled, is on <paramref name="to"/>.</param>
    /// <exception cref="MeetingRuleException">The rule that refuses the move.</exception>
    public static void RequireMovable(
        DateOnly to,
        TimeOnly startTime,
        bool changesSomething,
        bool panelMeetsThatDay,
        WorkingDayCalendar calendar,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (HasBegun(to, startTime, now))
        {
            throw new MeetingRuleException(DateInPast, "A meeting can only move to a time still ahead.");
        }

        if (!calendar.IsWorkingDay(to))
        {
            throw new MeetingRuleException(NotAWorkingDay,
                calendar.IsBankHoliday(to) ? "That day is a bank holiday: choose a working day." : "That day is a weekend: choose a working day.");
        }

        if (panelMeetsThatDay)
        {
            throw new MeetingRuleException(PanelAlreadyMeets, "The panel already meets that day: a panel meets at most once a day.");
        }

        if (!changesSomething)
        {
            throw new MeetingRuleException(NothingChanged, "The meeting already has that date, start time and location.");
        }
    }
}
