using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Iom.Application.Ports.Documents;
using Microsoft.Azure.Cosmos;

namespace Iom.Adapters.Cosmos;

/// <summary>
/// The document port on Cosmos DB. Each item is an envelope <c>{"id", "pk", "kind", "body"}</c> in a container
/// partitioned by <c>/pk</c>; the body is written and read with <see cref="DocumentJson.Options"/> through the SDK's
/// stream APIs, so the SDK's own (Newtonsoft) serializer never touches a document.
/// </summary>
public sealed class CosmosDocumentStore(CosmosResources resources) : IDocumentStore
{
    /// <summary>Documents per page of <see cref="ReadKindAsync{T}"/>.</summary>
    public const int KindPageSize = 100;

    public async Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default)
    {
        var container = await ContainerAsync(key.Container, key.Id, cancellationToken).ConfigureAwait(false);
        using var response = await container.ReadItemStreamAsync(key.Id, new PartitionKey(key.Partition), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (IsMissingItem(response))
        {
            return null;
        }

        ThrowIfFailed(response, key);
        using var envelope = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
        return envelope.RootElement.GetProperty("kind").ValueEquals(DocumentKind.Of<T>())
            ? new StoredDocument<T>(key, Body<T>(envelope.RootElement), response.Headers.ETag)
            : null;
    }

    public Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
        WriteAsync(key, value, (container, envelope) =>
            container.CreateItemStreamAsync(envelope, new PartitionKey(key.Partition), cancellationToken: cancellationToken), cancellationToken);

    public Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatchETag);
        return WriteAsync(key, value, (container, envelope) => container.ReplaceItemStreamAsync(
            envelope, key.Id, new PartitionKey(key.Partition), new ItemRequestOptions { IfMatchEtag = ifMatchETag }, cancellationToken), cancellationToken);
    }

    public Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
        WriteAsync(key, value, (container, envelope) =>
            container.UpsertItemStreamAsync(envelope, new PartitionKey(key.Partition), cancellationToken: cancellationToken), cancellationToken);

    public async Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        var container = await ContainerAsync(key.Container, key.Id, cancellationToken).ConfigureAwait(false);
        using var response = await OutcomeKnownAsync(() => container.DeleteItemStreamAsync(
            key.Id, new PartitionKey(key.Partition), new ItemRequestOptions { IfMatchEtag = ifMatchETag }, cancellationToken), key.ToString()).ConfigureAwait(false);
        if (IsMissingItem(response))
        {
            return false;
        }

        ThrowIfFailed(response, key);
        return true;
    }

    public async IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(
        string container, string partition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var kind = DocumentKind.Of<T>();
        var cosmosContainer = await resources.ContainerAsync(container, cancellationToken).ConfigureAwait(false);

        // A read feed (no query text) scoped to the partition: no query plan, no cross-partition fan-out. It cannot
        // filter or sort, so both happen here; one partition (one person, one panel) is small enough to hold.
        // Checking pk costs nothing on an account, which scopes the feed itself; the local dev server ignores the scope.
        var documents = new List<StoredDocument<T>>();
        using (var feed = cosmosContainer.GetItemQueryStreamIterator(
            (QueryDefinition?)null, continuationToken: null, new QueryRequestOptions { PartitionKey = new PartitionKey(partition) }))
        {
            while (feed.HasMoreResults)
            {
                using var page = await feed.ReadNextAsync(cancellationToken).ConfigureAwait(false);
                page.EnsureSuccessStatusCode();
                using var json = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var item in json.RootElement.GetProperty("Documents").EnumerateArray())
                {
                    if (item.GetProperty("pk").ValueEquals(partition) && item.GetProperty("kind").ValueEquals(kind))
                    {
                        documents.Add(new StoredDocument<T>(
                            new DocumentKey(container, partition, item.GetProperty("id").GetString()!), Body<T>(item), item.GetProperty("_etag").GetString()!));
                    }
                }
            }
        }

        foreach (var document in documents.OrderBy(d => d.Key.Id, StringComparer.Ordinal))
        {
            yield return document;
        }
    }

    public async IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(
        string container, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cosmosContainer = await resources.ContainerAsync(container, cancellationToken).ConfigureAwait(false);

        // A cross-partition query on the envelope's kind (indexed like every path), one page of results at a time:
        // only the current page is held, and the next is fetched when the caller has consumed this one.
        var query = new QueryDefinition("SELECT * FROM c WHERE c.kind = @kind").WithParameter("@kind", DocumentKind.Of<T>());
        using var feed = cosmosContainer.GetItemQueryStreamIterator(query, continuationToken: null, new QueryRequestOptions { MaxItemCount = KindPageSize });
        while (feed.HasMoreResults)
        {
            using var page = await feed.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            page.EnsureSuccessStatusCode();
            using var json = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in json.RootElement.GetProperty("Documents").EnumerateArray())
            {
                yield return new StoredDocument<T>(
                    new DocumentKey(container, item.GetProperty("pk").GetString()!, item.GetProperty("id").GetString()!), Body<T>(item), item.GetProperty("_etag").GetString()!);
            }
        }
    }

    public async Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var kind = DocumentKind.Of<T>();
        var position = ContinuationToken.Unwrap(query, kind);
        var cosmosContainer = await resources.ContainerAsync(query.Container, cancellationToken).ConfigureAwait(false);

        // Scoped to one partition (the partition key option, and pk in the text for the local server, which ignores
        // the option): served by the indexes of infra/containers.json, a page of MaxItemCount at a time.
        var text = new System.Text.StringBuilder("SELECT * FROM c WHERE c.pk = @pk AND c.kind = @kind");
        var parameters = new List<(string Name, object Value)> { ("@pk", query.Partition), ("@kind", kind) };
        for (var i = 0; i < query.Filters.Count; i++)
        {
            var filter = query.Filters[i];
            var op = filter.Operator.SqlComparison();
            text.Append(" AND ").Append(Path(filter.Field)).Append(' ').Append(op).Append(" @f").Append(i);
            parameters.Add(($"@f{i}", filter.Value));
        }

        text.Append(" ORDER BY ").Append(query.OrderBy is null ? "c.id" : Path(query.OrderBy));
        var definition = parameters.Aggregate(new QueryDefinition(text.ToString()), (d, p) => d.WithParameter(p.Name, p.Value));

        var items = new List<StoredDocument<T>>(query.PageSize);
        string? next;
        try
        {
            using var feed = cosmosContainer.GetItemQueryStreamIterator(definition, position,
                new QueryRequestOptions { PartitionKey = new PartitionKey(query.Partition), MaxItemCount = query.PageSize, EnableOptimisticDirectExecution = true });
            do
            {
                // A page may come back empty with more to follow; read on until something or the end.
                using var page = await feed.ReadNextAsync(cancellationToken).ConfigureAwait(false);
                if (page.StatusCode == HttpStatusCode.BadRequest && position is not null)
                {
                    throw new InvalidContinuationException();
                }

                page.EnsureSuccessStatusCode();
                next = page.ContinuationToken;
                using var json = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var item in json.RootElement.GetProperty("Documents").EnumerateArray())
                {
                    items.Add(new StoredDocument<T>(
                        new DocumentKey(query.Container, query.Partition, item.GetProperty("id").GetString()!), Body<T>(item), item.GetProperty("_etag").GetString()!));
                }
            }
            while (items.Count == 0 && next is not null && feed.HasMoreResults);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.BadRequest && position is not null)
        {
            throw new InvalidContinuationException(e);
        }

        return new DocumentPage<T>(items, next is null ? null : ContinuationToken.Wrap(query, kind, next));
    }

    public async Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return;
        }

        foreach (var write in writes)
        {
            ValidateId(write.Id);
        }

        var cosmosContainer = await resources.ContainerAsync(container, cancellationToken).ConfigureAwait(false);
        // The envelopes are memory streams, which hold nothing to release: the batch reads them when it executes.
        var batch = cosmosContainer.CreateTransactionalBatch(new PartitionKey(partition));
        foreach (var write in writes)
        {
            _ = write switch
            {
                CreateWrite w => batch.CreateItemStream(Envelope(w.Id, partition, w.Kind, w.Body, w.TimeToLiveSeconds)),
                ReplaceWrite w => batch.ReplaceItemStream(w.Id, Envelope(w.Id, partition, w.Kind, w.Body, w.TimeToLiveSeconds),
                    new TransactionalBatchItemRequestOptions { IfMatchEtag = w.IfMatchETag }),
                UpsertWrite w => batch.UpsertItemStream(Envelope(w.Id, partition, w.Kind, w.Body, w.TimeToLiveSeconds)),
                DeleteWrite w => batch.DeleteItem(w.Id, new TransactionalBatchItemRequestOptions { IfMatchEtag = w.IfMatchETag }),
                _ => throw new ArgumentOutOfRangeException(nameof(writes), write.GetType().Name, "Unknown kind of write."),
            };
        }

        using var response = await OutcomeKnownAsync(() => batch.ExecuteAsync(cancellationToken), $"{container}/{partition} (a commit)").ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // The write that failed has its own status; every other one answers 424 (failed dependency).
        var failed = Enumerable.Range(0, response.Count).Where(i => response[i].StatusCode != HttpStatusCode.FailedDependency).DefaultIfEmpty(-1).First();
        throw (failed < 0 ? null : Translate(response[failed].StatusCode, new DocumentKey(container, partition, writes[failed].Id)))
            ?? new CosmosException(response.ErrorMessage, response.StatusCode, 0, response.ActivityId, response.RequestCharge);
    }

    private async Task<StoredDocument<T>> WriteAsync<T>(
        DocumentKey key, T value, Func<Container, Stream, Task<ResponseMessage>> send, CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(key.Container, key.Id, cancellationToken).ConfigureAwait(false);
        using var envelope = Envelope(key.Id, key.Partition, DocumentKind.Of<T>(), DocumentJson.ToElement(value), DocumentWrite.TimeToLiveOf(value));
        using var response = await OutcomeKnownAsync(() => send(container, envelope), key.ToString()).ConfigureAwait(false);
        ThrowIfFailed(response, key);
        return new StoredDocument<T>(key, value, response.Headers.ETag);
    }

    private async Task<Container> ContainerAsync(string container, string id, CancellationToken cancellationToken)
    {
        ValidateId(id);
        return await resources.ContainerAsync(container, cancellationToken).ConfigureAwait(false);
    }

    // Cosmos DB stores such an id but cannot address it again (the id is part of the item's URL): refuse it up front.
    private static void ValidateId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.AsSpan().IndexOfAny(['/', '\\', '?', '#']) >= 0)
        {
            throw new ArgumentException($"Cosmos DB ids cannot contain '/', '\\', '?' or '#': '{id}'.", nameof(id));
        }
    }

    // ttl: Cosmos DB's per-item time to live in seconds, honoured because every container's default TTL is -1
    // (infra/containers.json); absent, the item never expires.
    private static MemoryStream Envelope(string id, string partition, string kind, JsonElement body, int? timeToLiveSeconds)
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("pk", partition);
            writer.WriteString("kind", kind);
            if (timeToLiveSeconds is { } ttl)
            {
                writer.WriteNumber("ttl", ttl);
            }

            writer.WritePropertyName("body");
            body.WriteTo(writer);
            writer.WriteEndObject();
        }

        stream.Position = 0;
        return stream;
    }

    // Field names are checked by DocumentQuery.Validate (plain JSON names), so they can be written into the text.
    private static string Path(string field) => "c.body." + field;

    private static T Body<T>(JsonElement envelope) => DocumentJson.FromElement<T>(envelope.GetProperty("body"));

    /// <summary>
    /// A write answered 408 or 503, or that the SDK gave up on with either, may have been applied (the SDK does not
    /// retry writes on a timeout): <see cref="DocumentOutcomeUnknownException"/>, so the caller reads back before
    /// undoing anything. A cancellation stays an <see cref="OperationCanceledException"/>, which callers treat the same.
    /// </summary>
    private static Task<ResponseMessage> OutcomeKnownAsync(Func<Task<ResponseMessage>> write, string what) =>
        OutcomeKnownAsync(write, r => r.StatusCode, what);

    private static Task<TransactionalBatchResponse> OutcomeKnownAsync(Func<Task<TransactionalBatchResponse>> write, string what) =>
        OutcomeKnownAsync(write, r => r.StatusCode, what);

    private static async Task<TResponse> OutcomeKnownAsync<TResponse>(Func<Task<TResponse>> write, Func<TResponse, HttpStatusCode> statusOf, string what)
        where TResponse : IDisposable
    {
        TResponse response;
        try
        {
            response = await write().ConfigureAwait(false);
        }
        catch (CosmosException exception) when (IsOutcomeUnknown(exception.StatusCode))
        {
            throw new DocumentOutcomeUnknownException($"The write of {what} may or may not have been applied ({(int)exception.StatusCode}).", exception);
        }

        if (IsOutcomeUnknown(statusOf(response)))
        {
            var status = (int)statusOf(response);
            response.Dispose();
            throw new DocumentOutcomeUnknownException($"The write of {what} may or may not have been applied ({status}).");
        }

        return response;
    }

    private static bool IsOutcomeUnknown(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.ServiceUnavailable;

    // A 404 with substatus 1003 means the container or database is missing: a configuration error, not a missing item.
    private static bool IsMissingItem(ResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NotFound && response.Headers["x-ms-substatus"] is null or "0";

    private static void ThrowIfFailed(ResponseMessage response, DocumentKey key)
    {
        if (!response.IsSuccessStatusCode && (response.StatusCode != HttpStatusCode.NotFound || IsMissingItem(response))
            && Translate(response.StatusCode, key) is { } translated)
        {
            throw translated;
        }

        // Anything else (a missing container, throttling that outlasted the SDK's retries) as the SDK reports it.
        response.EnsureSuccessStatusCode();
    }

    private static Exception? Translate(HttpStatusCode status, DocumentKey key) => status switch
    {
        HttpStatusCode.Conflict => new DocumentConflictException(key),
        HttpStatusCode.PreconditionFailed => new DocumentPreconditionFailedException(key),
        HttpStatusCode.NotFound => new DocumentNotFoundException(key),
        _ => null,
    };
}
