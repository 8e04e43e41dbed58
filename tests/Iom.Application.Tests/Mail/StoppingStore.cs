using Iom.Application.Mail;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests.Mail;

/// <summary>
/// The real store, with a delivery that stops dead at one chosen point, once: the first commit to one partition
/// (<see cref="StopAtCommitTo"/>) or the first write of a <see cref="MailSentRecord"/> (<see cref="StopAtSentRecord"/>)
/// throws without writing, as a process dying there would leave things. Everything else goes to the real store.
/// </summary>
internal sealed class StoppingStore(IDocumentStore inner) : DelegatingDocumentStore(inner)
{
    public string? StopAtCommitTo { get; set; }

    public bool StopAtSentRecord { get; set; }

    public override Task<StoredDocument<T>> CreateAsync<T>(DocumentKey key, T value, CancellationToken cancellationToken = default)
    {
        if (value is MailSentRecord && StopAtSentRecord)
        {
            StopAtSentRecord = false;
            throw new IOException("The delivery stopped after handing the message over.");
        }

        return Inner.CreateAsync(key, value, cancellationToken);
    }

    public override Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
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

        return Inner.CommitAsync(container, partition, writes, cancellationToken);
    }
}
