using Iom.Domain.Cohort;

namespace Iom.Domain.Performance.Reoffending;

/// <summary>
/// The NI 30 style PPO measure: proven offences (conviction or caution, the <see cref="FollowUp"/> rules) of the PPO
/// members of the cohort in the follow-up year starting on the snapshot date, against the configured baseline and
/// target, and the same for the first six months (the interim). Tables, each with breakdown <c>total</c>:
/// <c>ni30.proven-offences</c>, <c>ni30.baseline</c>, <c>ni30.target</c>, <c>ni30.reduction</c> (the share by which
/// the actual count is below the baseline; negative when above), <c>ni30.interim.proven-offences</c> and
/// <c>ni30.interim.target</c>. The counts are provisional until the waiting period has passed; the configured
/// figures never are.
/// </summary>
public static class Ni30Measure
{
    public const string Prefix = "ni30";
    public const int InterimMonths = 6;

    /// <param name="followUpStart">The first day of the follow-up year (1 April for a financial year).</param>
    /// <param name="members">The cohort on that day; only PPOs count.</param>
    public static IReadOnlyList<MeasureTable> Measure(
        DateOnly followUpStart, Ni30Target target, IReadOnlyCollection<CohortMember> members, IEnumerable<ProvenOffence> offences, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(members);
        var followUp = new FollowUp(followUpStart);
        var ppos = members.Where(m => m.Category == CohortCategory.Ppo).Select(m => m.PersonId).ToHashSet(StringComparer.Ordinal);
        var counted = offences.Where(o => ppos.Contains(o.PersonId) && followUp.Counts(o)).ToList();
        return Tables(target, counted.Count, counted.Count(o => followUp.CountsWithinFirst(InterimMonths, o)), followUp.IsProvisional(today));
    }

    /// <summary>The tables from the summed counts: the counts (and the reduction) <paramref name="provisional"/> or not, the configured figures never.</summary>
    public static IReadOnlyList<MeasureTable> Tables(Ni30Target target, int actual, int interim, bool provisional)
    {
        ArgumentNullException.ThrowIfNull(target);
        decimal? reduction = target.BaselineConvictions == 0
            ? null
            : Math.Round((decimal)(target.BaselineConvictions - actual) / target.BaselineConvictions, ProvenReoffending.Decimals, MidpointRounding.ToEven);

        static MeasureTable Total(string measure, MeasureUnit unit, decimal? value, bool provisional) =>
            new($"{Prefix}.{measure}", "total", unit, [new MeasureCell("all", value, provisional)]);

        return
        [
            Total("baseline", MeasureUnit.Count, target.BaselineConvictions, false),
            Total("interim.proven-offences", MeasureUnit.Count, interim, provisional),
            Total("interim.target", MeasureUnit.Count, target.InterimTarget, false),
            Total("proven-offences", MeasureUnit.Count, actual, provisional),
            Total("reduction", MeasureUnit.Share, reduction, provisional),
            Total("target", MeasureUnit.Count, target.Target, false),
        ];
    }
}
