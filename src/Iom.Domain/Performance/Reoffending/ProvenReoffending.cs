using Iom.Domain.Cohort;
using Iom.Domain.Wire;

namespace Iom.Domain.Performance.Reoffending;

/// <summary>
/// Proven re-offending of a cohort taken at a snapshot date (<see cref="FollowUp"/>): how many of the cohort
/// re-offended (the binary rate, a share of the cohort) and how many proven re-offences there were per person (the
/// frequency), in total and by category and cohort type. Every figure is provisional until the waiting period has
/// passed. An empty cohort (or breakdown cell) has no rate: null, not zero.
/// </summary>
public static class ProvenReoffending
{
    public const string Prefix = "reoffending";

    /// <summary>Shares and rates are rounded to this many decimal places, so the same inputs give the same bytes.</summary>
    public const int Decimals = 4;

    /// <param name="members">The cohort on the snapshot date, each person once.</param>
    /// <param name="offences">Proven offences of anyone (those of people outside the cohort are ignored).</param>
    /// <param name="today">Today's London date, which decides whether the figures are provisional.</param>
    /// <exception cref="ArgumentException">A person is listed twice.</exception>
    public static IReadOnlyList<MeasureTable> Measure(
        DateOnly snapshot, IReadOnlyCollection<CohortMember> members, IEnumerable<ProvenOffence> offences, DateOnly today) =>
        Measure(Prefix, new FollowUp(snapshot), members, offences, today);

    internal static IReadOnlyList<MeasureTable> Measure(
        string prefix, FollowUp followUp, IReadOnlyCollection<CohortMember> members, IEnumerable<ProvenOffence> offences, DateOnly today)
    {
        var counts = Count(followUp, members, offences);
        var tallies = new Dictionary<(string Breakdown, string Key), ReoffendingTally>();
        foreach (var member in members)
        {
            foreach (var cell in CellsOf(member))
            {
                tallies[cell] = tallies.GetValueOrDefault(cell).Plus(ReoffendingTally.Of(counts[member.PersonId]));
            }
        }

        return Tables(prefix, (breakdown, key) => tallies.GetValueOrDefault((breakdown, key)), followUp.IsProvisional(today));
    }

    /// <summary>The cell a cohort member falls in under each breakdown (one per breakdown, so cells add up to the total).</summary>
    public static IEnumerable<(string Breakdown, string Key)> CellsOf(CohortMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return Breakdowns().Select(b => (b.Breakdown, b.KeyOf(member)));
    }

    /// <summary>
    /// The tables of summed tallies: every breakdown with all its cells (an empty cell has zero people and no rates),
    /// ordered by measure then breakdown, cells by key, every cell <paramref name="provisional"/> or not.
    /// </summary>
    public static IReadOnlyList<MeasureTable> Tables(string prefix, Func<string, string, ReoffendingTally> tallyOf, bool provisional)
    {
        ArgumentNullException.ThrowIfNull(tallyOf);
        var tables = new List<MeasureTable>();
        foreach (var (breakdown, _, keys) in Breakdowns())
        {
            var ordered = keys.Order(StringComparer.Ordinal).Select(k => (Key: k, Tally: tallyOf(breakdown, k))).ToList();
            foreach (var (measure, unit, _) in default(ReoffendingTally).Figures())
            {
                tables.Add(new MeasureTable(
                    $"{prefix}.{measure}", breakdown, unit,
                    [.. ordered.Select(o => new MeasureCell(o.Key, o.Tally.Figures().Single(f => f.Measure == measure).Value, provisional))]));
            }
        }

        return [.. tables.OrderBy(t => t.Measure, StringComparer.Ordinal).ThenBy(t => t.Breakdown, StringComparer.Ordinal)];
    }

    /// <summary>Each cohort member's number of proven re-offences in the window.</summary>
    internal static Dictionary<string, int> Count(FollowUp followUp, IReadOnlyCollection<CohortMember> members, IEnumerable<ProvenOffence> offences)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(offences);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (!counts.TryAdd(member.PersonId, 0))
            {
                throw new ArgumentException("A cohort snapshot lists each person once.", nameof(members));
            }
        }

        foreach (var offence in offences)
        {
            if (counts.TryGetValue(offence.PersonId, out var count) && followUp.Counts(offence))
            {
                counts[offence.PersonId] = count + 1;
            }
        }

        return counts;
    }

    internal static decimal? Ratio(int part, int whole) =>
        whole == 0 ? null : Math.Round((decimal)part / whole, Decimals, MidpointRounding.ToEven);

    private static IEnumerable<(string Breakdown, Func<CohortMember, string> KeyOf, IEnumerable<string> Keys)> Breakdowns() =>
    [
        ("category", m => WireNames.Of(m.Category), WireNames.All<CohortCategory>()),
        ("cohort-type", m => WireNames.Of(m.CohortType), WireNames.All<CohortType>()),
        ("total", _ => "all", ["all"]),
    ];
}
