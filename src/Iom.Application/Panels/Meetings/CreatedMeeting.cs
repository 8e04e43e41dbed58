namespace Iom.Application.Panels.Meetings;

/// <summary>
/// One meeting as the API answers: created now, or already there (then as it is now: a meeting first scheduled that
/// day may since have moved or been cancelled, and a meeting moved to that day is the panel's meeting that day).
/// </summary>
public sealed record CreatedMeeting(string Id, DateOnly Date, TimeOnly StartTime, string? Location, string Status, bool AlreadyExisted, bool FallsOnBankHoliday);
