namespace Iom.Application.Panels.Meetings;

/// <summary>Either one <see cref="Date"/>, or a <see cref="Recurrence"/> between <see cref="From"/> and <see cref="Until"/>.</summary>
public sealed record CreateMeetingsRequest
{
    public string? Date { get; init; }
    public RecurrenceInput? Recurrence { get; init; }
    public string? From { get; init; }
    public string? Until { get; init; }
    public string? StartTime { get; init; }
    public string? Location { get; init; }
}
