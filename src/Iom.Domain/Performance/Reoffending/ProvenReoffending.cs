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
        var provisional = followUp.IsProvisional(today);
        var tables = new List<MeasureTable>();
        foreach (var (breakdown, keyOf, keys) in Breakdowns())
        {
            var groups = keys.ToDictionary(k => k, _ => new Tally(), StringComparer.Ordinal);
            foreach (var member in members)
            {
                groups[keyOf(member)].Add(counts[member.PersonId]);
            }

            var ordered = groups.OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            MeasureTable Table(string measure, MeasureUnit unit, Func<Tally, decimal?> value) =>
                new($"{prefix}.{measure}", breakdown, unit, [.. ordered.Select(g => new MeasureCell(g.Key, value(g.Value), provisional))]);

            tables.Add(Table("binary-rate", MeasureUnit.Share, t => Ratio(t.Reoffenders, t.People)));
            tables.Add(Table("cohort", MeasureUnit.Count, t => t.People));
            tables.Add(Table("frequency", MeasureUnit.Rate, t => Ratio(t.Reoffences, t.People)));
            tables.Add(Table("reoffences", MeasureUnit.Count, t => t.Reoffences));
            tables.Add(Table("reoffenders", MeasureUnit.Count, t => t.Reoffenders));
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

    private sealed class Tally
    {
        public int People { get; private set; }

        public int Reoffenders { get; private set; }

        public int Reoffences { get; private set; }

        public void Add(int reoffences)
        {
            People++;
            Reoffences += reoffences;
            Reoffenders += reoffences > 0 ? 1 : 0;
        }
    }
}
