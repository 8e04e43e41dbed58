namespace Iom.Domain.Performance.Reoffending;

/// <summary>
/// The proven re-offending window of a cohort taken on <see cref="Snapshot"/>: an offence committed from the snapshot
/// day to the day before its first anniversary (<see cref="LastOffenceDay"/>), proven by a conviction or caution by the
/// end of a further six months (<see cref="LastOutcomeDay"/>). Until that waiting period has passed a later outcome
/// can still add to the figures, so they are provisional.
/// </summary>
public sealed record FollowUp(DateOnly Snapshot)
{
    public const int FollowUpMonths = 12;
    public const int WaitingMonths = 6;

    /// <summary>The last day an offence counts.</summary>
    public DateOnly LastOffenceDay => Snapshot.AddMonths(FollowUpMonths).AddDays(-1);

    /// <summary>The last day of the waiting period: an outcome after it does not count.</summary>
    public DateOnly LastOutcomeDay => Snapshot.AddMonths(FollowUpMonths + WaitingMonths).AddDays(-1);

    /// <summary>Whether figures can still change on <paramref name="today"/>: true until the waiting period has passed.</summary>
    public bool IsProvisional(DateOnly today) => today <= LastOutcomeDay;

    /// <summary>Whether the offence counts as proven re-offending in this window.</summary>
    public bool Counts(ProvenOffence offence)
    {
        ArgumentNullException.ThrowIfNull(offence);
        return offence.OffenceDate >= Snapshot && offence.OffenceDate <= LastOffenceDay
            && offence.OutcomeDate >= offence.OffenceDate && offence.OutcomeDate <= LastOutcomeDay;
    }

    /// <summary>The window of the first <paramref name="months"/> months only (the NI 30 interim), with the same waiting period end.</summary>
    public bool CountsWithinFirst(int months, ProvenOffence offence) =>
        Counts(offence) && offence.OffenceDate < Snapshot.AddMonths(months);
}
