namespace Iom.Domain.Releases;

/// <summary>
/// One release notification as applied to a person's custody record: what the prison said, under the notification's
/// id (which makes applying it idempotent). Only what the record needs; names and identifiers stay on the notification.
/// </summary>
/// <param name="ReleaseDate">The (expected) release date, or for a transfer or absence the day of the movement.</param>
public sealed record CustodyEvent(
    string NotificationId, ReleaseReason Reason, string PrisonCode, DateOnly ReleaseDate, DateTimeOffset OccurredAt, ReleaseSource Source)
{
    /// <summary>
    /// The order events take effect in: <see cref="OccurredAt"/> (the instant), then, for the same instant, the event
    /// that ends custody before a transfer before one that is only recorded (missing a release is worse than a spurious
    /// alert), then the notification id (ordinal). Total and independent of arrival order, so the same events give the
    /// same record whichever order they come in.
    /// </summary>
    public static IComparer<CustodyEvent> Order { get; } = Comparer<CustodyEvent>.Create((a, b) =>
    {
        var byInstant = a.OccurredAt.UtcTicks.CompareTo(b.OccurredAt.UtcTicks);
        if (byInstant != 0)
        {
            return byInstant;
        }

        var byRank = Rank(a.Reason).CompareTo(Rank(b.Reason));
        return byRank != 0 ? byRank : string.CompareOrdinal(a.NotificationId, b.NotificationId);
    });

    public static CustodyEvent From(string notificationId, ReleaseReport report)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notificationId);
        ArgumentNullException.ThrowIfNull(report);
        return new CustodyEvent(notificationId, report.Reason, report.PrisonCode, report.ReleaseDate, report.OccurredAt, report.Source);
    }

    /// <summary>True for the reasons that decide custody; the others (temporary absence, court) are only recorded.</summary>
    public bool DecidesCustody() => Reason is ReleaseReason.Released or ReleaseReason.ReleasedToHospital or ReleaseReason.Transferred;

    private static int Rank(ReleaseReason reason) => reason switch
    {
        ReleaseReason.Released or ReleaseReason.ReleasedToHospital => 2,
        ReleaseReason.Transferred => 1,
        _ => 0,
    };
}
