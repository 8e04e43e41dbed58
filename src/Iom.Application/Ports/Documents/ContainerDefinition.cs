using System.Text.Json;

namespace Iom.Application.Ports.Documents;

/// <summary>
/// One container as infra/containers.json defines it: the file infra/main.bicep deploys and both document adapters
/// read (embedded in this assembly), so the indexes a query relies on exist wherever it runs.
/// </summary>
public sealed record ContainerDefinition(string Name, string PartitionKeyPath, int DefaultTtl, JsonElement IndexingPolicy, JsonElement UniqueKeys)
{
    private const string BodyPrefix = "/body/";

    /// <summary>The definitions, in file order, read once from the embedded copy of infra/containers.json.</summary>
    public static IReadOnlyList<ContainerDefinition> All { get; } = Load();

    /// <summary>The embedded file's text, for a test that compares it with what Bicep compiled.</summary>
    public static string Json { get; } = ReadEmbedded();

    /// <summary>Fields of the stored body that are indexed one by one (included paths under /body/).</summary>
    public IReadOnlyList<string> IndexedFields =>
        [.. IndexingPolicy.GetProperty("includedPaths").EnumerateArray()
            .Select(p => p.GetProperty("path").GetString()!)
            .Where(p => p.StartsWith(BodyPrefix, StringComparison.Ordinal) && p.EndsWith("/?", StringComparison.Ordinal))
            .Select(p => FieldOf(p[..^2]))];

    /// <summary>Composite indexes over fields of the stored body, each in its order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> CompositeIndexes =>
        IndexingPolicy.TryGetProperty("compositeIndexes", out var composites)
            ? [.. composites.EnumerateArray().Select(c => (IReadOnlyList<string>)[.. c.EnumerateArray().Select(p => FieldOf(p.GetProperty("path").GetString()!))])]
            : [];

    public static ContainerDefinition Of(string name) =>
        All.SingleOrDefault(c => c.Name == name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "No such container in infra/containers.json.");

    // "/body/meetingDate" → "meetingDate"; "/body/a/b" → "a.b" (the query's dotted field name).
    private static string FieldOf(string path) =>
        path.StartsWith(BodyPrefix, StringComparison.Ordinal)
            ? path[BodyPrefix.Length..].Replace('/', '.')
            : throw new InvalidOperationException($"infra/containers.json indexes '{path}', which is not a field of a stored body.");

    private static string ReadEmbedded()
    {
        using var stream = typeof(ContainerDefinition).Assembly.GetManifestResourceStream("containers.json")
            ?? throw new InvalidOperationException("infra/containers.json is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static List<ContainerDefinition> Load()
    {
        using var document = JsonDocument.Parse(ReadEmbedded());
        return [.. document.RootElement.GetProperty("containers").EnumerateArray().Select(c => new ContainerDefinition(
            c.GetProperty("name").GetString()!,
            c.GetProperty("partitionKeyPath").GetString()!,
            c.GetProperty("defaultTtl").GetInt32(),
            c.GetProperty("indexingPolicy").Clone(),
            c.GetProperty("uniqueKeys").Clone()))];
    }
}
