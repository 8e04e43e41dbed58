using Iom.Application.Ports.Documents;

namespace Iom.Application.Performance.Rollups;

/// <summary>A day on which an unchanged fact's contribution may change (a spell starting or ending, a birthday, an action falling overdue).</summary>
[DocumentKind("rollup-fact-due")]
public sealed record FactDue(string FactKey);
