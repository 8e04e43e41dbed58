namespace Iom.Domain.Performance;

/// <summary>
/// Counts of whole-number values (working days, minutes): what a median and a percentile are read from, and what a
/// changed fact can update in place (<see cref="Remove"/> its old value, <see cref="Add"/> its new one) without
/// re-reading every other value.
/// </summary>
public sealed class Histogram
{
    private readonly SortedDictionary<int, int> _counts = [];

    public int Count { get; private set; }

    /// <summary>Each value held and how many times, smallest first: what a stored accumulator keeps.</summary>
    public IEnumerable<KeyValuePair<int, int>> Values => _counts;

    public void Add(int value)
    {
        _counts[value] = _counts.GetValueOrDefault(value) + 1;
        Count++;
    }

    /// <exception cref="InvalidOperationException">The value was never added.</exception>
    public void Remove(int value)
    {
        if (!_counts.TryGetValue(value, out var count))
        {
            throw new InvalidOperationException($"{value} is not in the histogram.");
        }

        if (count == 1)
        {
            _counts.Remove(value);
        }
        else
        {
            _counts[value] = count - 1;
        }

        Count--;
    }

    /// <summary>The middle value; for an even count the mean of the two middle values. Null when empty.</summary>
    public decimal? Median() => Count == 0 ? null : (ValueAtRank((Count + 1) / 2) + (decimal)ValueAtRank((Count / 2) + 1)) / 2;

    /// <summary>
    /// The nearest-rank percentile: the smallest value with at least <paramref name="percent"/>% of values at or
    /// below it (the ⌈p/100 × n⌉-th value). Always a value that occurred; null when empty.
    /// </summary>
    public decimal? Percentile(int percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        // Integer ceiling of percent × n / 100, so no floating point decides a rank.
        return Count == 0 ? null : ValueAtRank(((percent * Count) + 99) / 100);
    }

    // The rank-th smallest value (1-based).
    private int ValueAtRank(int rank)
    {
        var seen = 0;
        foreach (var (value, count) in _counts)
        {
            seen += count;
            if (seen >= rank)
            {
                return value;
            }
        }

        throw new InvalidOperationException("Rank beyond the count.");
    }
}
