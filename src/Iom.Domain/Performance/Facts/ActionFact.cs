using Iom.Domain.Calendar;
using Iom.Domain.Panels;

namespace Iom.Domain.Performance.Facts;

/// <summary>One panel action: its due date and the London date it was done, if it has been.</summary>
public sealed record ActionFact(string Id, DateOnly Due, DateOnly? Done)
{
    public bool DoneOnTime => Done is { } done && done <= Due;

    /// <summary>Not done by its due date, as seen on <paramref name="asOf"/>: still open after it, or done late.</summary>
    public bool Overdue(DateOnly asOf) => Done is { } done ? done > Due : Due < asOf;

    public static ActionFact Of(PanelAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new ActionFact(action.Id, action.DueDate, action.CompletedAt is { } at ? LondonTime.LondonDate(at) : null);
    }
}
