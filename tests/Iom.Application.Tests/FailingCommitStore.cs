using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests;

/// <summary>
/// The real store, except that every commit fails as a lost connection would; reads and single writes work. With
/// <c>appliedAnyway</c> the commit is applied first and then reported as a timeout (its outcome unknown to the caller);
/// with <c>goneAfterCommit</c> every read and create after a commit fails too, as when the store has gone away.
/// </summary>
internal sealed class FailingCommitStore(IDocumentStore inner, bool appliedAnyway = false, bool goneAfterCommit = false) : DelegatingDocumentStore(inner)
{
    private bool committed;

    /// <summary>The last commit asked for, to replay it as a write that lands late.</summary>
    public (string Container, string Partition, IReadOnlyList<DocumentWrite> Writes)? LastCommit { get; private set; }

    public override Task<StoredDocument<T>?> ReadAsync<T>(DocumentKey key, CancellationToken cancellationToken = default) =>
        committed && goneAfterCommit ? throw new IOException("The store cannot be reached.") : Inner.ReadAsync<T>(key, cancellationToken);
    public override Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default) =>
        committed && goneAfterCommit ? throw new IOException("The store cannot be reached.") : Inner.CreateAsync(key, value, cancellationToken);

    public override async Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        committed = true;
        LastCommit = (container, partition, writes);
        if (!appliedAnyway)
        {
            throw new IOException("The connection to the store was lost.");
        }

        await Inner.CommitAsync(container, partition, writes, cancellationToken);
        throw new DocumentOutcomeUnknownException("The commit timed out (408).");
    }
}
