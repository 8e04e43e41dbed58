namespace Iom.Domain.Releases;

/// <summary>
/// What the partnership knows of a person's custody from prison release notifications: one document per person, in
/// their partition. Its state (status, prison, release date, expected release) is what the newest event that decides
/// custody says, in <see cref="CustodyEvent.Order"/> (occurredAt, never arrival order): an older event arriving late is
/// kept in the history and overrides nothing. Temporary absences and court appearances are recorded only. The history
/// here is capped at <see cref="HistoryLimit"/> events (the newest by that order), so the document stays bounded; the
/// application keeps every event as a document of its own as well, which is what makes a repeat beyond the cap harmless.
/// </summary>
/// <param name="PrisonCode">The prison that last reported the person (after a transfer, the prison they left, until the next report).</param>
/// <param name="ReleasedOn">The release date when <see cref="Status"/> is released (or released to hospital).</param>
/// <param name="DecidedBy">The event that set the current state: a later-arriving event older than this overrides nothing.</param>
public sealed record CustodyRecord(
    string PersonId,
    CustodyStatus Status,
    string? PrisonCode,
    DateOnly? ReleasedOn,
    ExpectedRelease? ExpectedRelease,
    CustodyEvent? DecidedBy,
    IReadOnlyList<CustodyEvent> History)
{
    /// <summary>How many events the record keeps; older ones live only in their own documents.</summary>
    public const int HistoryLimit = 50;

    public static CustodyRecord Empty(string personId) => new(personId, CustodyStatus.NotKnown, null, null, null, null, []);

    /// <summary>True when the notification is among the events this record keeps.</summary>
    public bool HasApplied(string notificationId) => History.Any(e => e.NotificationId == notificationId);

    /// <summary>
    /// Applies one event, <paramref name="today"/> being the London date now (a release date after it is an expected
    /// release, on or before it a release that happened).
    /// </summary>
    public CustodyChange Apply(CustodyEvent custodyEvent, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(custodyEvent);
        if (HasApplied(custodyEvent.NotificationId))
        {
            return new CustodyChange(this, CustodyOutcome.AlreadyApplied, []);
        }

        var recorded = this with { History = Keep([.. History, custodyEvent]) };
        if (!custodyEvent.DecidesCustody())
        {
            return new CustodyChange(recorded, CustodyOutcome.RecordedOnly, []);
        }

        // Not after the deciding event (equal only for the same notification, met again once out of the history).
        if (DecidedBy is not null && CustodyEvent.Order.Compare(custodyEvent, DecidedBy) <= 0)
        {
            return new CustodyChange(recorded, CustodyOutcome.Older, []);
        }

        var decided = recorded with { DecidedBy = custodyEvent, PrisonCode = custodyEvent.PrisonCode };
        return custodyEvent.Reason switch
        {
            ReleaseReason.Transferred => new CustodyChange(
                decided with { Status = CustodyStatus.Transferred, ReleasedOn = null, ExpectedRelease = null },
                CustodyOutcome.Applied,
                [new CustodyAlertDue(ReleaseAlertKind.Transferred, custodyEvent.ReleaseDate, custodyEvent.OccurredAt)]),
            _ when custodyEvent.ReleaseDate > today => Expect(decided, custodyEvent, today),
            _ => Release(decided, custodyEvent),
        };
    }

    /// <summary>
    /// Whether the reminder <paramref name="daysBefore"/> a release expected on <paramref name="date"/> is to be raised on
    /// <paramref name="today"/> (London), and the record marking it sent when it is.
    /// </summary>
    public (CustodyRecord Record, ReminderDecision Decision) Remind(DateOnly date, int daysBefore, DateOnly today)
    {
        if (Status != CustodyStatus.InCustody || ExpectedRelease is not { } expected || expected.Date != date
            || expected.RemindersSent.Contains(daysBefore) || today > date)
        {
            return (this, ReminderDecision.Drop);
        }

        if (today < date.AddDays(-daysBefore))
        {
            return (this, ReminderDecision.NotYet);
        }

        // A nearer reminder is due too (the timer was down, or the date was learnt late): that one alone goes.
        if (ReleaseReminderDays.All.Any(nearer => nearer < daysBefore && date.AddDays(-nearer) <= today))
        {
            return (this, ReminderDecision.Drop);
        }

        var sent = expected with { RemindersSent = [.. expected.RemindersSent, daysBefore] };
        return (this with { ExpectedRelease = sent }, ReminderDecision.Send);
    }

    private static CustodyChange Expect(CustodyRecord decided, CustodyEvent custodyEvent, DateOnly today)
    {
        var forHealth = custodyEvent.Reason == ReleaseReason.ReleasedToHospital;
        var inCustody = decided with { Status = CustodyStatus.InCustody, ReleasedOn = null };
        if (decided.Status == CustodyStatus.InCustody && decided.ExpectedRelease is { } same && same.Date == custodyEvent.ReleaseDate)
        {
            // The same date again: its reminders stand (and those sent stay sent).
            return new CustodyChange(inCustody with { ExpectedRelease = same with { ForHealth = forHealth } }, CustodyOutcome.Applied, []);
        }

        return new CustodyChange(
            inCustody with { ExpectedRelease = new ExpectedRelease(custodyEvent.ReleaseDate, forHealth, custodyEvent.NotificationId, []) },
            CustodyOutcome.Applied,
            [new ReleaseRemindersDue(custodyEvent.ReleaseDate, ReleaseReminderDays.Schedule(custodyEvent.ReleaseDate, today))]);
    }

    private static CustodyChange Release(CustodyRecord decided, CustodyEvent custodyEvent)
    {
        var status = custodyEvent.Reason == ReleaseReason.ReleasedToHospital ? CustodyStatus.ReleasedToHospital : CustodyStatus.Released;
        var released = decided with { Status = status, ReleasedOn = custodyEvent.ReleaseDate, ExpectedRelease = null };
        if (decided.Status == status && decided.ReleasedOn == custodyEvent.ReleaseDate)
        {
            // The release already alerted, reported again by another door (the prison and HMPPS both tell of it).
            return new CustodyChange(released, CustodyOutcome.SameRelease, []);
        }

        var kind = status == CustodyStatus.ReleasedToHospital ? ReleaseAlertKind.ReleasedToHospital : ReleaseAlertKind.Released;
        return new CustodyChange(released, CustodyOutcome.Applied, [new CustodyAlertDue(kind, custodyEvent.ReleaseDate, custodyEvent.OccurredAt)]);
    }

    // The newest events by the order they take effect in; what falls off lives on in its own document.
    private static List<CustodyEvent> Keep(IEnumerable<CustodyEvent> events) =>
        events.Order(CustodyEvent.Order).TakeLast(HistoryLimit).ToList();
}
