namespace Iom.Domain.Panels.Minutes;

/// <summary>What an amendment (a version after the first final one) says it changed, and what differs from the version it amends.</summary>
/// <param name="Summary">The co-ordinator's own words.</param>
/// <param name="Changed">The parts that differ, e.g. <c>attendance</c>, <c>actions</c>, <c>decisions[1].notes</c>.</param>
public sealed record MinutesAmendment(int Amends, string Summary, IReadOnlyList<string> Changed);
