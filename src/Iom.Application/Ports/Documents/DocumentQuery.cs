using System.Text.RegularExpressions;

namespace Iom.Application.Ports.Documents;

/// <summary>
/// One page of the documents of kind T in one partition that pass every filter, in order of
/// <see cref="OrderBy"/> (ascending, then by id). Never crosses partitions, so its cost is the page, not the partition.
/// Every field filtered or ordered on must be indexed (infra/containers.json): Cosmos DB refuses to order on a path
/// it does not index, and SQLite would scan.
/// </summary>
public sealed partial record DocumentQuery(string Container, string Partition)
{
    public const int MaxPageSize = 1000;

    public IReadOnlyList<FieldFilter> Filters { get; init; } = [];

    /// <summary>A field of the document (its JSON name, dotted for nested fields); null orders by id.</summary>
    public string? OrderBy { get; init; }

    public int PageSize { get; init; } = 25;

    /// <summary>The <see cref="DocumentPage{T}.Continuation"/> of the page before, or null for the first page.</summary>
    public string? Continuation { get; init; }

    /// <summary>Field names are written into the query text (values never are): only plain JSON names pass.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Container);
        ArgumentException.ThrowIfNullOrEmpty(Partition);
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PageSize, MaxPageSize);
        foreach (var field in Filters.Select(f => f.Field).Append(OrderBy ?? "id"))
        {
            if (!FieldName().IsMatch(field))
            {
                throw new ArgumentException($"'{field}' is not a field name a query can use.", nameof(Filters));
            }
        }

        foreach (var filter in Filters)
        {
            if (filter.Value is not (string or bool or int or long))
            {
                throw new ArgumentException($"The filter on '{filter.Field}' compares with a {filter.Value?.GetType().Name ?? "null"}; only strings, booleans and integers are comparable in both stores.", nameof(Filters));
            }
        }
    }

    [GeneratedRegex("^[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*$")]
    private static partial Regex FieldName();
}
