using Iom.Domain.Calendar;

namespace Iom.Domain.Panels;

/// <summary>Which meeting of its panel a new referral is listed for.</summary>
public static class MeetingListing
{
    /// <summary>
    /// The earliest meeting at least <paramref name="cutoffWorkingDays"/> working days after submission, that is
    /// one for which <c>submitted &lt;= calendar.AddWorkingDays(meeting, -cutoffWorkingDays)</c> (ASB rule 2.6: new
    /// referrals at least 10 working days before the meeting). An emergency referral goes to the earliest meeting on
    /// or after the submission date, whatever the cutoff, and a meeting on the submission day itself counts: the
    /// co-ordinator is told at once and can table it.
    /// </summary>
    /// <param name="submitted">The London date the referral was submitted.</param>
    /// <param name="emergency">Whether the referrer marked it an emergency.</param>
    /// <param name="upcomingMeetings">The panel's meetings not yet held, in any order. The caller leaves out one held
    /// earlier on the submission day, since only it knows the times.</param>
    /// <param name="calendar">The working-day calendar.</param>
    /// <param name="cutoffWorkingDays">The minimum notice in working days (0 or more).</param>
    /// <returns>The meeting, or null when none is far enough ahead: the referral then awaits a meeting.</returns>
    public static DateOnly? ChooseMeeting(
        DateOnly submitted,
        bool emergency,
        IEnumerable<DateOnly> upcomingMeetings,
        WorkingDayCalendar calendar,
        int cutoffWorkingDays = 10)
    {
        ArgumentNullException.ThrowIfNull(upcomingMeetings);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(cutoffWorkingDays);

        // A cutoff of 0 is "on or after the submission date" (AddWorkingDays(meeting, 0) is the meeting itself).
        var notice = emergency ? 0 : cutoffWorkingDays;
        DateOnly? chosen = null;
        foreach (var meeting in upcomingMeetings)
        {
            if (submitted <= calendar.AddWorkingDays(meeting, -notice) && (chosen is null || meeting < chosen))
            {
                chosen = meeting;
            }
        }

        return chosen;
    }

    /// <summary>
    /// Where a referral listed for a meeting that moved or was cancelled goes now (ASB rule 2.6 again, from the day it
    /// was submitted): it stays with its meeting when the meeting's new date still gives it the notice it needs
    /// (an emergency needs none), else it goes to the earliest other meeting that does, else it awaits a meeting.
    /// </summary>
    /// <param name="sameMeetingNow">The new date of its meeting, or null when the meeting was cancelled.</param>
    /// <param name="upcomingMeetings">The panel's meetings not yet held and not cancelled, in any order.</param>
    /// <returns>The meeting date to list it for, or null: it awaits a meeting.</returns>
    public static DateOnly? Relist(
        DateOnly submitted,
        bool emergency,
        DateOnly? sameMeetingNow,
        IEnumerable<DateOnly> upcomingMeetings,
        WorkingDayCalendar calendar,
        int cutoffWorkingDays = 10)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (sameMeetingNow is { } moved && ChooseMeeting(submitted, emergency, [moved], calendar, cutoffWorkingDays) is not null)
        {
            return moved;
        }

        return ChooseMeeting(submitted, emergency, upcomingMeetings, calendar, cutoffWorkingDays);
    }
}
