using System.Net;
using System.Text.Json;
using Iom.Application.Ports.Documents;
using Microsoft.Azure.Cosmos;

namespace Iom.Adapters.Cosmos;

/// <summary>
/// The change feed on Cosmos DB: the container's own latest-version change feed, read from the SDK's continuation
/// token (the position) or from the beginning. The feed cannot filter, so kinds are filtered here: a read costs the
/// changes since the position, of every kind, never the container. Deletes (TTL expiry included) are not in a
/// latest-version feed; see <see cref="IDocumentChangeFeed"/>.
/// </summary>
public sealed class CosmosDocumentChangeFeed : IDocumentChangeFeed
{
    /// <summary>
    /// The most pages of the store's feed one read takes while filling a page with the kinds asked for, so a read
    /// that finds mostly other kinds still answers (with the position it got to, and more waiting).
    /// </summary>
    public const int MaxFeedPagesPerRead = 16;

    private readonly Func<string, CancellationToken, Task<Container>> _container;

    public CosmosDocumentChangeFeed(CosmosResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        _container = resources.ContainerAsync;
    }

    /// <summary>For tests of the mapping: the npm Cosmos DB server has no change feed to read.</summary>
    internal CosmosDocumentChangeFeed(Func<string, CancellationToken, Task<Container>> container) => _container = container;

    public async Task<DocumentChangePage> ReadChangesAsync(
        string container, IReadOnlyCollection<string>? kinds, string? after, int maxItems, CancellationToken cancellationToken = default)
    {
        ChangePosition.Validate(container, kinds, maxItems);
        var position = ChangePosition.Unwrap(container, after);
        var wanted = kinds?.ToHashSet(StringComparer.Ordinal);
        var cosmosContainer = await _container(container, cancellationToken).ConfigureAwait(false);

        var changes = new List<DocumentChange>(maxItems);
        var caughtUp = false;
        for (var read = 0; read < MaxFeedPagesPerRead && changes.Count < maxItems && !caughtUp; read++)
        {
            // A fresh iterator from the last token each time, hinted to the room left, so a page ends on a token
            // (the feed cannot resume inside one of its pages) and rarely holds more than was asked for.
            using var feed = cosmosContainer.GetChangeFeedStreamIterator(
                position is null ? ChangeFeedStartFrom.Beginning() : ChangeFeedStartFrom.ContinuationToken(position),
                ChangeFeedMode.LatestVersion,
                new ChangeFeedRequestOptions { PageSizeHint = maxItems - changes.Count });
            using var page = await ReadAsync(feed, position, cancellationToken).ConfigureAwait(false);
            caughtUp = page.StatusCode == HttpStatusCode.NotModified;
            if (!caughtUp)
            {
                page.EnsureSuccessStatusCode();
                using var json = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var item in json.RootElement.GetProperty("Documents").EnumerateArray())
                {
                    var kind = item.GetProperty("kind").GetString()!;
                    if (wanted is null || wanted.Contains(kind))
                    {
                        changes.Add(new DocumentChange(
                            new DocumentKey(container, item.GetProperty("pk").GetString()!, item.GetProperty("id").GetString()!),
                            kind, item.GetProperty("body").Clone(), item.GetProperty("_etag").GetString()!));
                    }
                }
            }

            // A 304 carries a token too: the position "now", so an empty read from the beginning still moves on.
            position = page.ContinuationToken ?? position;
        }

        return new DocumentChangePage(changes, ChangePosition.Wrap(container, position), !caughtUp);
    }

    public async Task<string> EndPositionAsync(string container, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        var cosmosContainer = await _container(container, cancellationToken).ConfigureAwait(false);
        // A feed started "now" answers its first read with nothing (304) and the token of this moment.
        using var feed = cosmosContainer.GetChangeFeedStreamIterator(ChangeFeedStartFrom.Now(), ChangeFeedMode.LatestVersion, new ChangeFeedRequestOptions { PageSizeHint = 1 });
        using var page = await feed.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        if (page.StatusCode != HttpStatusCode.NotModified)
        {
            page.EnsureSuccessStatusCode();
        }

        return ChangePosition.Wrap(container, page.ContinuationToken ?? throw new InvalidOperationException("The change feed gave no continuation token."));
    }

    private static async Task<ResponseMessage> ReadAsync(FeedIterator feed, string? position, CancellationToken cancellationToken)
    {
        ResponseMessage page;
        try
        {
            page = await feed.ReadNextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (position is not null && e is ArgumentException or CosmosException { StatusCode: HttpStatusCode.BadRequest })
        {
            // The SDK parses the token when the first page is read.
            throw new InvalidContinuationException(e);
        }

        if (page.StatusCode == HttpStatusCode.BadRequest && position is not null)
        {
            page.Dispose();
            throw new InvalidContinuationException();
        }

        return page;
    }
}
