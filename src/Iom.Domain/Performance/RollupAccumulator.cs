namespace Iom.Domain.Performance;

/// <summary>
/// The additive state of one period's rollup: the sum of its facts' <see cref="RollupContribution"/>s (count cells
/// and histograms). The figures that do not add up (shares, medians, percentiles, hours) are derived from it at the
/// end (<see cref="RollupCalculator.Derive"/>), so a changed fact updates it in place: take the old contribution
/// away, add the new one. Cells that come back to zero are dropped, so the state is the same whichever way it was
/// reached.
/// </summary>
public sealed class RollupAccumulator
{
    private readonly SortedDictionary<CellKey, long> _counts = new(CellOrder.Instance);
    private readonly SortedDictionary<string, Histogram> _histograms = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<CellKey, long> Counts => _counts;

    public IReadOnlyDictionary<string, Histogram> Histograms => _histograms;

    public long CountOf(string measure, string breakdown, string key) => _counts.GetValueOrDefault(new CellKey(measure, breakdown, key));

    public Histogram HistogramOf(string name) => _histograms.GetValueOrDefault(name) ?? new Histogram();

    public void Add(RollupContribution contribution) => Apply(contribution, 1);

    /// <exception cref="InvalidOperationException">The contribution was never added (a histogram value not present).</exception>
    public void Subtract(RollupContribution contribution) => Apply(contribution, -1);

    /// <summary>Restores a stored count (a cell of a persisted accumulator).</summary>
    public void Restore(CellKey cell, long value)
    {
        if (value != 0)
        {
            _counts[cell] = value;
        }
    }

    /// <summary>Restores a stored histogram value <paramref name="times"/> times.</summary>
    public void Restore(string histogram, int value, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Histogram(histogram).Add(value);
        }
    }

    private void Apply(RollupContribution contribution, int sign)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        foreach (var (cell, by) in contribution.Counts)
        {
            var value = _counts.GetValueOrDefault(cell) + (sign * by);
            if (value == 0)
            {
                _counts.Remove(cell);
            }
            else
            {
                _counts[cell] = value;
            }
        }

        foreach (var (name, value) in contribution.Samples)
        {
            var histogram = Histogram(name);
            if (sign > 0)
            {
                histogram.Add(value);
            }
            else
            {
                histogram.Remove(value);
                if (histogram.Count == 0)
                {
                    _histograms.Remove(name);
                }
            }
        }
    }

    private Histogram Histogram(string name)
    {
        if (!_histograms.TryGetValue(name, out var histogram))
        {
            histogram = new Histogram();
            _histograms[name] = histogram;
        }

        return histogram;
    }

    private sealed class CellOrder : IComparer<CellKey>
    {
        public static CellOrder Instance { get; } = new();

        public int Compare(CellKey x, CellKey y)
        {
            var order = string.CompareOrdinal(x.Measure, y.Measure);
            order = order != 0 ? order : string.CompareOrdinal(x.Breakdown, y.Breakdown);
            return order != 0 ? order : string.CompareOrdinal(x.Key, y.Key);
        }
    }
}
