using Iom.Application.Ports.Documents;

namespace Iom.Adapters.Sqlite;

/// <summary>
/// The expression indexes derived from infra/containers.json (<see cref="ContainerDefinition"/>), so a query SQLite
/// runs is served by an index exactly where Cosmos DB's indexing policy serves it. A query must write a field as
/// <see cref="Extract"/> does, or SQLite will not match it to its index.
/// </summary>
/// <remarks>
/// Each index is partial, over its own container's documents only (<c>WHERE container = '…'</c>), as Cosmos DB's
/// policies are per container. SQLite matches a query's bound <c>container = $container</c> to it (the planner uses
/// the value bound before the first step). Indexing every field of every container on every document made each write
/// to a container with no indexed fields (the rollups' fact index) maintain 22 expression indexes it never used.
/// </remarks>
internal static class SqliteIndexes
{
    /// <summary>The prefix of the indexes that covered every container, dropped from a file made before they were partial.</summary>
    public const string LegacyPrefix = "documents_by_";

    public static string Extract(string field) => $"json_extract(body, '$.{field}')";

    public static string NameOf(string container, IReadOnlyList<string> fields) => $"documents_{container}_by_{string.Join('_', fields)}";

    public static IEnumerable<string> Statements() =>
        ContainerDefinition.All.SelectMany(c => c.IndexedFields.Select(f => (IReadOnlyList<string>)[f]).Concat(c.CompositeIndexes)
            .Select(fields => Statement(c.Name, fields)));

    // The container's name is written into the index's WHERE clause, which takes no parameter: plain names only.
    private static string Statement(string container, IReadOnlyList<string> fields) => container.All(char.IsAsciiLetterLower)
        ? $"CREATE INDEX IF NOT EXISTS \"{NameOf(container, fields)}\" ON documents (pk, kind, {string.Join(", ", fields.Select(Extract))}) WHERE container = '{container}';"
        : throw new InvalidOperationException($"The container name '{container}' is not lower-case letters only.");
}
