namespace Iom.Domain.Performance;

/// <summary>
/// What one fact adds to one period's rollup: count deltas by cell and values for the period's histograms. Pure
/// data, so a fact's old contribution can be taken away and its new one added (<see cref="RollupAccumulator"/>)
/// without looking at any other fact. A per-person section (re-offending) plugs in by giving its fact's
/// contribution in the same terms.
/// </summary>
public sealed class RollupContribution
{
    private readonly Dictionary<CellKey, long> _counts = [];
    private readonly List<(string Histogram, int Value)> _samples = [];

    public static RollupContribution None { get; } = new();

    public IReadOnlyDictionary<CellKey, long> Counts => _counts;

    public IReadOnlyList<(string Histogram, int Value)> Samples => _samples;

    public bool IsEmpty => _counts.Count == 0 && _samples.Count == 0;

    public void Count(string measure, string breakdown, string key, int by = 1)
    {
        if (by == 0)
        {
            return;
        }

        var cell = new CellKey(measure, breakdown, key);
        var value = _counts.GetValueOrDefault(cell) + by;
        if (value == 0)
        {
            _counts.Remove(cell);
        }
        else
        {
            _counts[cell] = value;
        }
    }

    public void Sample(string histogram, int value) => _samples.Add((histogram, value));

    /// <summary>Whether two contributions add the same to every cell and histogram (so replacing one by the other changes nothing).</summary>
    public bool SameAs(RollupContribution other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _counts.Count == other._counts.Count
            && _counts.All(c => other._counts.TryGetValue(c.Key, out var v) && v == c.Value)
            && _samples.Order().SequenceEqual(other._samples.Order());
    }
}
