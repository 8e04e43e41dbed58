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
/// <param name="AgencyCodes">The agency codes the facts were keyed with (ordinal order): a referral from an agency added
/// to the list later was counted as "unknown", so another list rebuilds the facts. Names do not matter here. Null on a
/// head written before agencies were coded, which rebuilds too.</param>
[DocumentKind("rollup-state")]
public sealed record RollupState(
    string DefinitionsVersion,
    int Generation,
    DateOnly Night,
    string PeoplePosition,
    string PanelsPosition,
    DateTimeOffset AsOf,
    IReadOnlyList<string> Periods,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<string>? AgencyCodes = null);
