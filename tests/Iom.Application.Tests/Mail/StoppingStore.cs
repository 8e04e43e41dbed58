using Iom.Application.Mail;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests.Mail;

/// <summary>
/// The real store, with a delivery that stops dead at one chosen point, once: the first commit to one partition
/// (<see cref="StopAtCommitTo"/>) or the first write of a <see cref="MailSentRecord"/> (<see cref="StopAtSentRecord"/>)
/// throws without writing, as a process dying there would leave things. Everything else goes to the real store.
/// </summary>
internal sealed class StoppingStore(IDocumentStore inner) : IDocumentStore
{
    public string? StopAtCommitTo { get; set; }

    public bool StopAtSentRecord { get; set; }

    public Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default) => inner.ReadAsync<T>(key, cancellationToken);

    public Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default)
    {
        if (value is MailSentRecord && StopAtSentRecord)
        {
            StopAtSentRecord = false;
            throw new IOException("The delivery stopped after handing the message over.");
        }

        return inner.CreateAsync(key, value, cancellationToken);
    }

    public Task<StoredDocument<T>> ReplaceAsync<T>(DocumentKey key, T value, string ifMatchETag, CancellationToken cancellationToken = default) => inner.ReplaceAsync(key, value, ifMatchETag, cancellationToken);
    public Task<StoredDocument<T>> UpsertAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) => inner.UpsertAsync(key, value, cancellationToken);
    public Task<bool> DeleteAsync(DocumentKey key, string? ifMatchETag = null, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, ifMatchETag, cancellationToken);
    public IAsyncEnumerable<StoredDocument<T>> ReadPartitionAsync<T>(string container, string partition, CancellationToken cancellationToken = default) => inner.ReadPartitionAsync<T>(container, partition, cancellationToken);
    public Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync<T>(query, cancellationToken);
    public IAsyncEnumerable<StoredDocument<T>> ReadKindAsync<T>(string container, CancellationToken cancellationToken = default) => inner.ReadKindAsync<T>(container, cancellationToken);

    public Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        if (partition == StopAtCommitTo)
        {
            StopAtCommitTo = null;
            throw new IOException("The delivery stopped before this commit.");
        }

        if (StopAtSentRecord && writes.Any(w => w is CreateWrite { Kind: var kind } && kind == DocumentKind.Of<MailSentRecord>()))
        {
            StopAtSentRecord = false;
            throw new IOException("The delivery stopped after handing the message over.");
        }

        return inner.CommitAsync(container, partition, writes, cancellationToken);
    }
}
