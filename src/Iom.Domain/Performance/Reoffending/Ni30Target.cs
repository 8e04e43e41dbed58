namespace Iom.Domain.Performance.Reoffending;

/// <summary>
/// The NI 30 baseline and target: proven offences of the PPO cohort in the baseline year, and the reduction the
/// partnership aims for. The target is the most offences that still meet the reduction: baseline × (100 − percent) /
/// 100, rounded down (Sunderland: 154 in the baseline and 17% gives 127). The six-month interim is the same reduction
/// of the baseline year's first six months (63 gives 52); without that figure there is no interim target.
/// </summary>
/// <param name="BaselineYear">The financial year the baseline was counted in, by the calendar year it starts (2008: FY2008-09).</param>
public sealed record Ni30Target(int BaselineYear, int BaselineConvictions, decimal TargetReductionPercent, int? BaselineFirstHalfConvictions = null)
{
    /// <summary>The most proven offences in the follow-up year that meet the target.</summary>
    public int Target => Reduce(BaselineConvictions);

    /// <summary>The most proven offences in the first six months that keep to the target; null without a first-half baseline.</summary>
    public int? InterimTarget => BaselineFirstHalfConvictions is { } firstHalf ? Reduce(firstHalf) : null;

    private int Reduce(int baseline) => (int)Math.Floor(baseline * (100m - TargetReductionPercent) / 100m);
}
