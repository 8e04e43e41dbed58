namespace Iom.Application.Panels.Meetings;

/// <summary>One meeting as the API answers: created now, or already there.</summary>
public sealed record CreatedMeeting(DateOnly Date, TimeOnly StartTime, string? Location, bool AlreadyExisted, bool FallsOnBankHoliday);
