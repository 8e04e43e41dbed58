namespace Iom.Application.Performance.Dashboard;

/// <summary>
/// Configuration section "Performance": the strategic group's target for a measure, drawn on the dashboard's chart of
/// it, e.g. <c>Performance:Targets:cohort.size</c> = 120 or <c>Performance:Targets:referrals.on-time</c> = 0.9 (a
/// share). A measure without one is shown without a target line.
/// </summary>
public sealed class PerformanceTargetsOptions
{
    public const string SectionName = "Performance";

    /// <summary>Measure name (as rollups name it) → the target, in the measure's own unit.</summary>
    public Dictionary<string, decimal> Targets { get; set; } = new(StringComparer.Ordinal);
}
