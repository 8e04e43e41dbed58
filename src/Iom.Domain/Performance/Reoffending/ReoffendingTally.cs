namespace Iom.Domain.Performance.Reoffending;

/// <summary>
/// The summed counts of a group followed up (a breakdown cell, a DYO year): people, how many of them re-offended and
/// how many proven re-offences there were. Counts add up person by person; the rates are derived from the sums only,
/// so a group's figures are the same however its people were added (or one was taken out and put back).
/// </summary>
public readonly record struct ReoffendingTally(int People, int Reoffenders, int Reoffences)
{
    /// <summary>One person with <paramref name="reoffences"/> proven re-offences.</summary>
    public static ReoffendingTally Of(int reoffences) => new(1, reoffences > 0 ? 1 : 0, reoffences);

    /// <summary>The share of the group who re-offended; null for an empty group.</summary>
    public decimal? BinaryRate => ProvenReoffending.Ratio(Reoffenders, People);

    /// <summary>Proven re-offences per person; null for an empty group.</summary>
    public decimal? Frequency => ProvenReoffending.Ratio(Reoffences, People);

    public ReoffendingTally Plus(ReoffendingTally other) => new(People + other.People, Reoffenders + other.Reoffenders, Reoffences + other.Reoffences);

    /// <summary>The five figures of a group, by measure suffix in the tables' (ordinal) order.</summary>
    public IEnumerable<(string Measure, MeasureUnit Unit, decimal? Value)> Figures() =>
    [
        ("binary-rate", MeasureUnit.Share, BinaryRate),
        ("cohort", MeasureUnit.Count, People),
        ("frequency", MeasureUnit.Rate, Frequency),
        ("reoffences", MeasureUnit.Count, Reoffences),
        ("reoffenders", MeasureUnit.Count, Reoffenders),
    ];

    /// <summary>The measure suffixes that are counts (a person's contribution adds to these; the rest are derived).</summary>
    public static IReadOnlyList<string> Counts { get; } = ["cohort", "reoffences", "reoffenders"];
}
