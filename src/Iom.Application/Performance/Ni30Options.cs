using System.ComponentModel.DataAnnotations;
using Iom.Domain.Performance.Reoffending;

namespace Iom.Application.Performance;

/// <summary>
/// Configuration section "Performance:Ni30": the partnership's NI 30 baseline and target (Sunderland: a 17% reduction,
/// no more than 127 proven offences, 52 in the first six months). Checked at start-up: either none is set (the NI 30
/// measure is left out) or the three figures are, each in range; the first-half baseline, for the six-month interim
/// target, is optional and no more than the year's.
/// </summary>
public sealed class Ni30Options : IValidatableObject
{
    public const string SectionName = "Performance:Ni30";

    /// <summary>The financial year the baseline was counted in, by the calendar year it starts in (2008: FY2008-09).</summary>
    [Range(2000, 2100)]
    public int? BaselineYear { get; set; }

    /// <summary>Proven offences of the PPO cohort in the baseline year.</summary>
    [Range(0, 1_000_000)]
    public int? BaselineConvictions { get; set; }

    /// <summary>The reduction aimed for, in percent of the baseline.</summary>
    [Range(typeof(decimal), "0", "100", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal? TargetReductionPercent { get; set; }

    /// <summary>Proven offences in the baseline year's first six months, for the interim target; unset: no interim target.</summary>
    [Range(0, 1_000_000)]
    public int? BaselineFirstHalfConvictions { get; set; }

    /// <summary>The configured target, or null when NI 30 is not configured.</summary>
    public Ni30Target? ToTarget() =>
        BaselineYear is { } year && BaselineConvictions is { } baseline && TargetReductionPercent is { } percent
            ? new Ni30Target(year, baseline, percent, BaselineFirstHalfConvictions)
            : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var set = new[] { BaselineYear is not null, BaselineConvictions is not null, TargetReductionPercent is not null };
        if (set.Any(s => s) && !set.All(s => s))
        {
            yield return new ValidationResult(
                $"Set all of {nameof(BaselineYear)}, {nameof(BaselineConvictions)} and {nameof(TargetReductionPercent)}, or none.",
                [nameof(BaselineYear), nameof(BaselineConvictions), nameof(TargetReductionPercent)]);
        }

        if (BaselineFirstHalfConvictions is { } firstHalf && (BaselineConvictions is null || firstHalf > BaselineConvictions))
        {
            yield return new ValidationResult(
                $"{nameof(BaselineFirstHalfConvictions)} needs {nameof(BaselineConvictions)} and may not be more than it.", [nameof(BaselineFirstHalfConvictions)]);
        }
    }
}
