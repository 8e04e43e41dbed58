namespace Iom.Domain.Releases;

/// <summary>
/// One release notification as reported, whichever door it came in by (<see cref="ReleaseSource"/>), already
/// validated: identifiers in canonical form, dates parsed. It says what a prison (or HMPPS) told us; what it means for
/// the person is decided once they are matched.
/// </summary>
/// <param name="EventId">
/// The sender's id for this event, unique per <see cref="Source"/> and <see cref="PrisonCode"/>: the same event sent
/// again is recognised by it. A national event's id is derived from the event itself (the same event published twice
/// gives the same id); a form's comes from a hidden field drawn when the form was shown.
/// </param>
/// <param name="PrisonNumber">Canonical (<see cref="Identifiers.PrisonNumber"/> written out), like the other identifiers.</param>
/// <param name="PrisonCode">The prison's code, e.g. <c>SWI</c>, upper case.</param>
/// <param name="GivenName">Absent from national events, which carry identifiers only.</param>
/// <param name="FamilyName">Absent from national events.</param>
/// <param name="DateOfBirth">Absent from national events.</param>
/// <param name="ReleaseDate">In the future: an expected release; today or earlier: the release happened (London date).</param>
/// <param name="OccurredAt">When the event happened at the prison: events take effect in this order, never arrival order.</param>
public sealed record ReleaseReport(
    ReleaseSource Source,
    string EventId,
    string PrisonCode,
    string PrisonNumber,
    string? PncId,
    string? CroNumber,
    string? GivenName,
    string? FamilyName,
    DateOnly? DateOfBirth,
    ReleaseReason Reason,
    DateOnly ReleaseDate,
    DateTimeOffset OccurredAt,
    ReleaseAddress? ReleaseAddress,
    string? Notes)
{
    /// <summary>True when the release date is after <paramref name="today"/> (London): the release is expected, not done.</summary>
    public bool IsExpected(DateOnly today) => ReleaseDate > today;
}
