namespace Iom.Application.Ports.Documents;

/// <summary>
/// What changed in a container since a stored position, for jobs whose cost must follow the day's changes rather than
/// history (the nightly rollup). Both adapters pass one contract test suite; docs/architecture.md ("The change
/// journal") states the contract:
/// <list type="bullet">
/// <item>Each change is the <b>latest</b> version of a document created, replaced or upserted after
/// <c>after</c>: a document changed many times since appears once, at the place of its last change. A change made
/// while a consumer pages moves the document later in the feed, so it is read again, never lost.</item>
/// <item>Oldest first within a partition (SQLite: in commit order across the container; Cosmos DB orders each
/// partition key range on its own, so a consumer must not depend on the order of two partitions).</item>
/// <item>Deletions, including expiry and retention erasure, are <b>not</b> in the feed (Cosmos DB's latest-version
/// feed cannot show them): a consumer that must forget something learns it from a document that records it.</item>
/// <item>Nothing at or before <c>after</c> comes back.</item>
/// </list>
/// </summary>
public interface IDocumentChangeFeed
{
    /// <param name="container">One of <see cref="Containers"/>.</param>
    /// <param name="kinds">Only documents of these kinds (<see cref="DocumentKind"/>); null for every kind.</param>
    /// <param name="after">A <see cref="DocumentChangePage.Position"/> this feed gave for this container, or null for
    /// the beginning.</param>
    /// <param name="maxItems">1 to <see cref="DocumentChangePage.MaxItems"/>. A page holds at most this many, except
    /// that Cosmos DB never splits one transactional commit between pages.</param>
    /// <exception cref="InvalidContinuationException"><paramref name="after"/> is malformed or from another container.</exception>
    Task<DocumentChangePage> ReadChangesAsync(
        string container, IReadOnlyCollection<string>? kinds, string? after, int maxItems, CancellationToken cancellationToken = default);

    /// <summary>
    /// The position at the end of the feed now, without reading what came before: what a full recompute stores as its
    /// watermark, taken <b>before</b> it starts reading, so a change made during the pass is read again afterwards
    /// (latest version, keyed by document: harmless twice) rather than lost.
    /// </summary>
    Task<string> EndPositionAsync(string container, CancellationToken cancellationToken = default);
}
