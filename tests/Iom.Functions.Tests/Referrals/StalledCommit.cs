using Iom.Application.Ports.Documents;

namespace Iom.Functions.Tests.Referrals;

/// <summary>
/// Holds the first commit that stores a referral until the test releases it, so a second request can arrive while the
/// first is still being processed. Every other call goes straight to the real store.
/// </summary>
internal sealed class StalledCommit
{
    private int stalled;

    /// <summary>Set when the first referral's commit has been asked for.</summary>
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set by the test to let that commit go on.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IDocumentStore Around(IDocumentStore inner) => new Store(inner, this);

    private sealed class Store(IDocumentStore inner, StalledCommit gate) : DelegatingDocumentStore(inner)
    {
        public override async Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
        {
            if (writes.OfType<CreateWrite>().Any(w => w.Kind == DocumentKind.Of<Iom.Domain.Referrals.Referral>()) && Interlocked.Exchange(ref gate.stalled, 1) == 0)
            {
                gate.Reached.SetResult();
                await gate.Release.Task.WaitAsync(cancellationToken);
            }

            await Inner.CommitAsync(container, partition, writes, cancellationToken);
        }
    }
}
