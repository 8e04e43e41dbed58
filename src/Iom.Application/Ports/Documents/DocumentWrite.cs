namespace Iom.Application.Ports.Documents;

/// <summary>One write of a <see cref="IDocumentStore.CommitAsync"/> batch.</summary>
public abstract record DocumentWrite(string Id)
{
    public static DocumentWrite Create<T>(string id, T value) => new CreateWrite(id, DocumentKind.Of<T>(), DocumentJson.ToElement(value), TimeToLiveOf(value));
    public static DocumentWrite Replace<T>(string id, T value, string ifMatchETag) => new ReplaceWrite(id, DocumentKind.Of<T>(), DocumentJson.ToElement(value), ifMatchETag, TimeToLiveOf(value));
    public static DocumentWrite Upsert<T>(string id, T value) => new UpsertWrite(id, DocumentKind.Of<T>(), DocumentJson.ToElement(value), TimeToLiveOf(value));
    public static DocumentWrite Delete(string id, string? ifMatchETag = null) => new DeleteWrite(id, ifMatchETag);

    /// <summary>Whole seconds, at least one (Cosmos DB's unit); null when the document does not expire.</summary>
    public static int? TimeToLiveOf<T>(T value) =>
        value is IExpiringDocument { TimeToLive: { } ttl } ? (int)Math.Clamp(Math.Ceiling(ttl.TotalSeconds), 1, int.MaxValue) : null;
}
