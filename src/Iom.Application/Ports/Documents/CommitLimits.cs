namespace Iom.Application.Ports.Documents;

/// <summary>
/// What one <see cref="IDocumentStore.CommitAsync"/> may hold so that every store takes it: Cosmos DB's transactional
/// batch takes at most 100 operations and a 2 MB request; SQLite takes any number (its writer groups whole commits,
/// up to 256, into one transaction), so Cosmos DB's limits are the port's.
/// </summary>
public static class CommitLimits
{
    public const int MaxWrites = 100;

    /// <summary>The documents' JSON per commit, in UTF-8 bytes: under the 2 MB request with room for each write's envelope (id, pk, kind) and the batch's framing.</summary>
    public const int MaxBodyBytes = 1_500_000;
}
