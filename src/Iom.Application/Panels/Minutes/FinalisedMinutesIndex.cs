using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Minutes;

/// <summary>
/// The panel's meetings with final minutes, latest first: one small document in the panel's meetings partition,
/// written in the same commit as each final version, so the agenda pack finds the previous minutes with one
/// point read (the document store orders ascending only, and a query would read the panel's history).
/// </summary>
/// <param name="Meetings">At most <see cref="Kept"/> entries, by date held, latest first.</param>
[DocumentKind("finalised-minutes-index")]
public sealed record FinalisedMinutesIndex(IReadOnlyList<FinalisedMinutesEntry> Meetings)
{
    /// <summary>Five years of monthly meetings: a pack older than that says there are no earlier minutes to link.</summary>
    public const int Kept = 60;

    public static FinalisedMinutesIndex Empty { get; } = new([]);

    public static DocumentKey KeyOf(PanelCode panel) => new(Containers.Panels, Meeting.PartitionOf(panel), "minutes-finalised-index");

    /// <summary>The index with <paramref name="entry"/> in its place by date, the oldest dropped beyond <see cref="Kept"/>.</summary>
    public FinalisedMinutesIndex With(FinalisedMinutesEntry entry) =>
        new([.. Meetings.Where(m => m.MeetingId != entry.MeetingId).Append(entry).OrderByDescending(m => m.Date).Take(Kept)]);

    /// <summary>The latest meeting held before <paramref name="day"/> whose minutes are final, or null.</summary>
    public FinalisedMinutesEntry? LatestBefore(DateOnly day) => Meetings.Where(m => m.Date < day).MaxBy(m => m.Date);
}
