using Iom.Application.Ports.Documents;

namespace Iom.Adapters.Sqlite;

/// <summary>
/// The expression indexes derived from infra/containers.json (<see cref="ContainerDefinition"/>), so a query SQLite
/// runs is served by an index exactly where Cosmos DB's indexing policy serves it. A query must write a field as
/// <see cref="Extract"/> does, or SQLite will not match it to its index.
/// </summary>
internal static class SqliteIndexes
{
    public static string Extract(string field) => $"json_extract(body, '$.{field}')";

    public static IEnumerable<string> Statements() =>
        ContainerDefinition.All
            .SelectMany(c => c.IndexedFields.Select(f => (IReadOnlyList<string>)[f]).Concat(c.CompositeIndexes))
            .Select(fields => string.Join(", ", fields))
            .Distinct(StringComparer.Ordinal)
            .Select(fields => fields.Split(", "))
            .Select(fields =>
                $"CREATE INDEX IF NOT EXISTS \"documents_by_{string.Join('_', fields)}\" ON documents (container, pk, kind, {string.Join(", ", fields.Select(Extract))});");
}
