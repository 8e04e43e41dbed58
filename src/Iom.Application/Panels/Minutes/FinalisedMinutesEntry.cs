namespace Iom.Application.Panels.Minutes;

/// <summary>A meeting whose minutes are final, and the date it was held (a moved meeting's id keeps its first date).</summary>
public sealed record FinalisedMinutesEntry(string MeetingId, DateOnly Date);
