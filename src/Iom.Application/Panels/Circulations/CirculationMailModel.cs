namespace Iom.Application.Panels.Circulations;

/// <summary>
/// What every circulation e-mail's templates may read: the panel, the meeting's date and time, references, outcomes
/// and reason codes, and the signed link. Never a name, date of birth or identifier of a person.
/// </summary>
/// <param name="MeetingDate">As written in the e-mail ("Tuesday 12 January 2027").</param>
/// <param name="Reference">The referral's reference, for a nominating officer's invitation or a referrer's outcome.</param>
/// <param name="Outcome">The decision's wire name (selected, declined, deferred), for an outcome.</param>
public sealed record CirculationMailModel(
    string Panel,
    string MeetingDate,
    string MeetingTime,
    string? Location,
    string Link,
    string? Reference = null,
    string? Outcome = null,
    string? ReasonCode = null,
    string? DueDate = null)
{
    /// <summary>For a changed meeting: <c>cancelled</c> when it is cancelled rather than moved, else null (a model holds strings, and "false" would be true to a template).</summary>
    public string? Cancelled { get; init; }
}
