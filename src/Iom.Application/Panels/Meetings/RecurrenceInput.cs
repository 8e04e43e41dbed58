namespace Iom.Application.Panels.Meetings;

public sealed record RecurrenceInput
{
    /// <summary>"monday" … "friday".</summary>
    public string? Weekday { get; init; }

    /// <summary>1–4, or -1 for the last in the month.</summary>
    public int? NthInMonth { get; init; }
}
