using Iom.Application.Ports.Documents;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// The fact one source document gave as of <see cref="Night"/> and the one it gave before that night's run, so that a
/// changed document's previous fact is found by a point read (and a re-applied run finds the fact it started from).
/// Exactly one of a <see cref="FactValue"/>'s members is set; a null fact means the document gives none (gone,
/// erased, or a circulation that is not a timeliness fact).
/// </summary>
[DocumentKind("rollup-fact")]
public sealed record IndexedFact(string FactKey, int Generation, DateOnly Night, FactValue? Current, FactValue? Previous);
