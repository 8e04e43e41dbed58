using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Ports.Documents;
using Microsoft.Azure.Cosmos;
using NSubstitute;

namespace Iom.Adapters.Persistence.Tests.Servers;

/// <summary>
/// A <b>substitute</b> Cosmos DB container (NSubstitute) whose change feed stream iterator is served from memory, with
/// the latest-version feed's rules as Cosmos DB documents them: each item once, at the log sequence number (LSN) of its
/// last write; the writes of one commit share an LSN and are never split between pages; deleted items are gone; a page
/// ends on a continuation token, also when it is a 304 (nothing new); a token the SDK cannot parse is a 400.
/// Needed because the npm Cosmos DB server has no change feed (README.md); what it cannot prove is listed there. Its
/// <see cref="Store"/> writes the items in the adapter's envelope (<c>id, pk, kind, body, _etag</c>), so the change
/// feed contract can run against the Cosmos adapter's mapping.
/// </summary>
public sealed class SubstituteCosmosChangeFeedContainer
{
    private readonly Lock _sync = new();
    private readonly Dictionary<(string Pk, string Id), (long Lsn, JsonObject Item)> _items = [];
    private long _lsn;

    public SubstituteCosmosChangeFeedContainer(string name)
    {
        Name = name;
        Container = Substitute.For<Container>();
        Container.Id.Returns(name);
        Container.GetChangeFeedStreamIterator(Arg.Any<ChangeFeedStartFrom>(), Arg.Any<ChangeFeedMode>(), Arg.Any<ChangeFeedRequestOptions>())
            .Returns(call =>
            {
                var start = call.Arg<ChangeFeedStartFrom>();
                string? token;
                lock (_sync)
                {
                    // "Now" is the current LSN: items written from here on, none before.
                    token = start.GetType().Name.Contains("Now", StringComparison.Ordinal) ? "lsn:" + _lsn : TokenOf(start);
                }

                var request = new FeedRequest(call.Arg<ChangeFeedMode>(), token, call.Arg<ChangeFeedRequestOptions>()?.PageSizeHint);
                lock (_sync)
                {
                    Requests.Add(request);
                }

                return new Iterator(this, request);
            });
        Store = new ItemWriter(this);
    }

    public string Name { get; }

    public Container Container { get; }

    /// <summary>Writes items as <c>CosmosDocumentStore</c> does; only the writes the change feed contract uses.</summary>
    public IDocumentStore Store { get; }

    /// <summary>Every change feed iterator the adapter asked for, in order.</summary>
    public List<FeedRequest> Requests { get; } = [];

    public sealed record FeedRequest(ChangeFeedMode Mode, string? Token, int? PageSizeHint);

    // ChangeFeedStartFrom keeps its token in an internal type; Beginning has none.
    private static string? TokenOf(ChangeFeedStartFrom start) =>
        start.GetType().GetProperty("Continuation", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(start) as string;

    private ResponseMessage Read(FeedRequest request)
    {
        long after = 0;
        if (request.Token is not null && !(request.Token.StartsWith("lsn:", StringComparison.Ordinal) && long.TryParse(request.Token[4..], out after)))
        {
            // The SDK answers a token it cannot parse with a 400 response, not an exception.
            return new ResponseMessage(HttpStatusCode.BadRequest);
        }

        List<(long Lsn, JsonObject Item)> page;
        lock (_sync)
        {
            var pending = _items.Values.Where(v => v.Lsn > after).OrderBy(v => v.Lsn).ToList();
            var room = request.PageSizeHint ?? 100;
            var lastLsn = pending.Take(room).Select(v => v.Lsn).DefaultIfEmpty(0).Last();
            page = [.. pending.TakeWhile((v, i) => i < room || v.Lsn == lastLsn).Select(v => (v.Lsn, (JsonObject)v.Item.DeepClone()))];
        }

        var response = new ResponseMessage(page.Count == 0 ? HttpStatusCode.NotModified : HttpStatusCode.OK);
        response.Headers["x-ms-continuation"] = "lsn:" + (page.Count == 0 ? after : page[^1].Lsn);
        if (page.Count > 0)
        {
            var body = new JsonObject { ["_rid"] = "substitute", ["Documents"] = new JsonArray([.. page.Select(p => (JsonNode)p.Item)]), ["_count"] = page.Count };
            response.Content = new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString()));
        }

        return response;
    }

    private sealed class Iterator(SubstituteCosmosChangeFeedContainer owner, FeedRequest request) : FeedIterator
    {
        public override bool HasMoreResults => true;

        public override Task<ResponseMessage> ReadNextAsync(CancellationToken cancellationToken = default) => Task.FromResult(owner.Read(request));
    }

    private sealed class ItemWriter(SubstituteCosmosChangeFeedContainer owner) : IDocumentStore
    {
        public Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default)
        {
            lock (owner._sync)
            {
                return Task.FromResult(owner._items.TryGetValue((key.Partition, key.Id), out var v) && (string?)v.Item["kind"] == DocumentKind.Of<T>()
                    ? new StoredDocument<T>(key, DocumentJson.FromElement<T>(JsonSerializer.SerializeToElement(v.Item["body"])), (string)v.Item["_etag"]!)
                    : null);
            }
        }

        public async Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
            await WriteAsync(key, value, DocumentWrite.Create(key.Id, value)).ConfigureAwait(false);

        public async Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default) =>
            await WriteAsync(key, value, DocumentWrite.Replace(key.Id, value, ifMatchETag)).ConfigureAwait(false);

        public async Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
            await WriteAsync(key, value, DocumentWrite.Upsert(key.Id, value)).ConfigureAwait(false);

        public async Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default)
        {
            try
            {
                await CommitAsync(key.Container, key.Partition, [DocumentWrite.Delete(key.Id, ifMatchETag)], cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (DocumentNotFoundException)
            {
                return false;
            }
        }

        public Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
        {
            lock (owner._sync)
            {
                // All or nothing, and one LSN for the whole commit, as a transactional batch.
                var items = new Dictionary<(string, string), (long, JsonObject)>(owner._items);
                var lsn = owner._lsn + 1;
                foreach (var write in writes)
                {
                    var at = (partition, write.Id);
                    var key = new DocumentKey(container, partition, write.Id);
                    var exists = items.TryGetValue(at, out var current);
                    switch (write)
                    {
                        case CreateWrite w when !exists:
                            items[at] = (lsn, Item(w.Id, partition, w.Kind, w.Body));
                            break;
                        case CreateWrite:
                            throw new DocumentConflictException(key);
                        case ReplaceWrite w when exists && (string)current.Item2["_etag"]! == w.IfMatchETag:
                            items[at] = (lsn, Item(w.Id, partition, w.Kind, w.Body));
                            break;
                        case ReplaceWrite:
                            throw exists ? new DocumentPreconditionFailedException(key) : new DocumentNotFoundException(key);
                        case UpsertWrite w:
                            items[at] = (lsn, Item(w.Id, partition, w.Kind, w.Body));
                            break;
                        case DeleteWrite w when exists && (w.IfMatchETag is null || (string)current.Item2["_etag"]! == w.IfMatchETag):
                            items.Remove(at);
                            break;
                        case DeleteWrite:
                            throw exists ? new DocumentPreconditionFailedException(key) : new DocumentNotFoundException(key);
                        default:
                            throw new ArgumentOutOfRangeException(nameof(writes));
                    }
                }

                owner._items.Clear();
                foreach (var (k, v) in items)
                {
                    owner._items[k] = v;
                }

                owner._lsn = lsn;
            }

            return Task.CompletedTask;
        }

        public IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(string container, string partition, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The substitute serves the change feed contract's writes only.");

        public Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The substitute serves the change feed contract's writes only.");

        public IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(string container, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The substitute serves the change feed contract's writes only.");

        private async Task<StoredDocument<T>> WriteAsync<T>(DocumentKey key, T value, DocumentWrite write)
        {
            await CommitAsync(key.Container, key.Partition, [write]).ConfigureAwait(false);
            return (await ReadAsync<T>(key).ConfigureAwait(false))!;
        }

        private static JsonObject Item(string id, string partition, string kind, JsonElement body) => new()
        {
            ["id"] = id,
            ["pk"] = partition,
            ["kind"] = kind,
            ["body"] = JsonNode.Parse(body.GetRawText()),
            ["_etag"] = "\"" + Guid.NewGuid().ToString("N") + "\"",
            ["_ts"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
    }
}
