using Iom.Application.Ports.Documents;

namespace Iom.Application.Tests.Panels;

/// <summary>
/// The real store, except that after <c>commitsBeforeCrash</c> commits every further commit fails as a lost connection
/// would (nothing applied), or with <c>appliedAnyway</c> is applied and then reported as timed out.
/// </summary>
internal sealed class CrashingCommitStore(IDocumentStore inner, int commitsBeforeCrash, bool appliedAnyway = false) : DelegatingDocumentStore(inner)
{
    private int commits;

    public int Crashes { get; private set; }

    public override async Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        if (++commits <= commitsBeforeCrash)
        {
            await Inner.CommitAsync(container, partition, writes, cancellationToken);
            return;
        }

        Crashes++;
        if (!appliedAnyway)
        {
            throw new IOException("The connection to the store was lost.");
        }

        await Inner.CommitAsync(container, partition, writes, cancellationToken);
        throw new DocumentOutcomeUnknownException("The commit timed out (408).");
    }
}
