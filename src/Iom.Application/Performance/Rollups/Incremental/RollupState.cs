using Iom.Application.Ports.Documents;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// The head of the incremental rollup state (docs/performance-measures.md, "Incremental nightly run"): the night the
/// accumulators and the fact index are as of, the change feeds' positions they were read to, and the periods kept.
/// Written last in a run, so until it moves a crashed run's writes are read as not yet applied.
/// </summary>
/// <param name="Generation">Bumped by each full rebuild: facts and accumulators of another generation are not this state's.</param>
/// <param name="AsOf">The latest change among the inputs so far (the rollups' watermark).</param>
/// <param name="Kinds">The kinds the positions were read with: a position covers only those, so a kind added later
/// (a new per-person section) is read from the beginning by a full rebuild.</param>
[DocumentKind("rollup-state")]
public sealed record RollupState(
    string DefinitionsVersion,
    int Generation,
    DateOnly Night,
    string PeoplePosition,
    string PanelsPosition,
    DateTimeOffset AsOf,
    IReadOnlyList<string> Periods,
    IReadOnlyList<string> Kinds);

/// <summary>
/// One period's accumulated counts and histograms as of <see cref="Night"/>, and the state before that night's run
/// (<see cref="Previous"/>), so that a run which wrote this and crashed before moving <see cref="RollupState"/> is
/// re-applied from the state it started from. Bounded: one cell per key a breakdown can take, one entry per
/// distinct histogram value.
/// </summary>
[DocumentKind("rollup-accumulator")]
public sealed record StoredAccumulator(string Period, int Generation, DateOnly Night, AccumulatorCells Cells, DateOnly? PreviousNight = null, AccumulatorCells? Previous = null);

/// <param name="Histograms">Each histogram's values as [value, times] pairs, smallest first.</param>
public sealed record AccumulatorCells(IReadOnlyList<StoredCell> Counts, IReadOnlyDictionary<string, IReadOnlyList<int[]>> Histograms);

public sealed record StoredCell(string Measure, string Breakdown, string Key, long Value);

/// <summary>
/// The fact one source document gave as of <see cref="Night"/> and the one it gave before that night's run, so that a
/// changed document's previous fact is found by a point read (and a re-applied run finds the fact it started from).
/// Exactly one of a <see cref="FactValue"/>'s members is set; a null fact means the document gives none (gone,
/// erased, or a circulation that is not a timeliness fact).
/// </summary>
[DocumentKind("rollup-fact")]
public sealed record IndexedFact(string FactKey, int Generation, DateOnly Night, FactValue? Current, FactValue? Previous);

/// <summary>A day on which an unchanged fact's contribution may change (a spell starting or ending, a birthday, an action falling overdue).</summary>
[DocumentKind("rollup-fact-due")]
public sealed record FactDue(string FactKey);

/// <summary>
/// Told to the rollup state in the same commit that erases a referral (retention): deletions are not in the change
/// feed, so this document is how the nightly run learns that the referral's fact must leave the accumulators.
/// </summary>
[DocumentKind("referral-erased")]
public sealed record ReferralErased(string PersonId, string ReferralId, DateTimeOffset ErasedAt)
{
    public static string IdOf(string referralId) => "erased-" + referralId;
}
