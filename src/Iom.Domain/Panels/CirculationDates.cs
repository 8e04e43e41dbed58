using Iom.Domain.Calendar;

namespace Iom.Domain.Panels;

/// <summary>When a meeting's papers are due out (Richmond terms of reference 1.13, 1.14, 4.11, 4.13).</summary>
public static class CirculationDates
{
    /// <summary>Working days before the meeting by which the agenda and referral paperwork are circulated.</summary>
    public const int AgendaWorkingDaysBefore = 5;

    /// <summary>Working days after the meeting by which the minutes and acknowledgement forms are circulated.</summary>
    public const int MinutesWorkingDaysAfter = 5;

    /// <summary>The date the agenda pack is due: 5 working days before the meeting (the meeting day not counted).</summary>
    public static DateOnly AgendaDue(DateOnly meeting, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(meeting, -AgendaWorkingDaysBefore);
    }

    /// <summary>The date the minutes are due: 5 working days after the meeting (the meeting day not counted).</summary>
    public static DateOnly MinutesDue(DateOnly meeting, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(meeting, MinutesWorkingDaysAfter);
    }
}
