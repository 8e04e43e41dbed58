namespace Iom.Application.Panels.Meetings;

/// <summary>The meeting's new date (YYYY-MM-DD); its start time (HH:mm) and location stay unless given.</summary>
public sealed record MoveMeetingRequest
{
    public string? Date { get; init; }
    public string? StartTime { get; init; }
    public string? Location { get; init; }
}
