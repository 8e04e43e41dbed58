namespace Iom.Domain.Panels.Minutes;

/// <summary>The three IOM strands a cohort member's plan works in (domain.md), as written on the wire.</summary>
public static class CohortStrands
{
    public static IReadOnlyList<string> All { get; } = ["prevent-and-deter", "catch-and-control", "rehabilitate-and-resettle"];
}
