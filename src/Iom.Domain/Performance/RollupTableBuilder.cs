namespace Iom.Domain.Performance;

/// <summary>
/// The tables of one rollup while it is folded: counts added cell by cell, figures set once. Emits them in the
/// contract's order (tables by measure then breakdown, cells by key, ordinal), so the order facts arrived in never
/// shows in the result.
/// </summary>
internal sealed class RollupTableBuilder
{
    private readonly Dictionary<(string Measure, string Breakdown), (MeasureUnit Unit, SortedDictionary<string, decimal?> Cells)> _tables = [];
    private readonly List<MeasureTable> _included = [];

    /// <summary>Declares a table with the cells it always has (zero or empty until counted), so its shape does not depend on the data.</summary>
    public void Declare(string measure, string breakdown, MeasureUnit unit, IEnumerable<string> keys)
    {
        var cells = Table(measure, breakdown, unit);
        foreach (var key in keys)
        {
            cells.TryAdd(key, unit == MeasureUnit.Count ? 0m : null);
        }
    }

    public void Count(string measure, string breakdown, string key, int by = 1)
    {
        var cells = Table(measure, breakdown, MeasureUnit.Count);
        cells[key] = (cells.GetValueOrDefault(key) ?? 0m) + by;
    }

    public void Set(string measure, string breakdown, MeasureUnit unit, string key, decimal? value) =>
        Table(measure, breakdown, unit)[key] = value;

    public decimal CountOf(string measure, string breakdown, string key) =>
        _tables.TryGetValue((measure, breakdown), out var table) ? table.Cells.GetValueOrDefault(key) ?? 0m : 0m;

    /// <summary>Adds tables a section finished itself (cells already in order, with their own flags such as provisional).</summary>
    public void Include(IEnumerable<MeasureTable> tables)
    {
        foreach (var table in tables)
        {
            if (_tables.ContainsKey((table.Measure, table.Breakdown)) || _included.Exists(t => t.Measure == table.Measure && t.Breakdown == table.Breakdown))
            {
                throw new InvalidOperationException($"{table.Measure} by {table.Breakdown} is built twice.");
            }

            _included.Add(table);
        }
    }

    public IReadOnlyList<MeasureTable> Build() =>
        [.. _tables
            .Select(t => new MeasureTable(t.Key.Measure, t.Key.Breakdown, t.Value.Unit, [.. t.Value.Cells.Select(c => new MeasureCell(c.Key, c.Value))]))
            .Concat(_included)
            .OrderBy(t => t.Measure, StringComparer.Ordinal)
            .ThenBy(t => t.Breakdown, StringComparer.Ordinal)];

    private SortedDictionary<string, decimal?> Table(string measure, string breakdown, MeasureUnit unit)
    {
        if (!_tables.TryGetValue((measure, breakdown), out var table))
        {
            table = (unit, new SortedDictionary<string, decimal?>(StringComparer.Ordinal));
            _tables[(measure, breakdown)] = table;
        }
        else if (table.Unit != unit)
        {
            throw new InvalidOperationException($"{measure} by {breakdown} is in {table.Unit}, not {unit}.");
        }

        return table.Cells;
    }
}
