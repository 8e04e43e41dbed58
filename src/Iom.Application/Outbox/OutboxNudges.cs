using System.Threading.Channels;

namespace Iom.Application.Outbox;

/// <summary>
/// Hands entries just committed to the in-process relay, to dispatch after the request has been answered: the entry is
/// already durable in the commit, so dispatching it is no part of the request's latency. Nothing here is needed for
/// correctness: entries not dispatched (the process stopped, the queue was down) are found by the relay's sweep.
/// A hosted service runs <see cref="RunAsync"/> in the app (Iom.Functions, OutboxNudgeService).
/// </summary>
public sealed class OutboxNudges(OutboxRelay relay)
{
    /// <summary>
    /// How many nudges are dispatched at once: enough to keep up with intake, few enough not to crowd it. It also paces
    /// the release flow's stages (intake, matching and custody each post one per notification): at 32 the release
    /// benchmark's intake p99 went from 0.7 s to 2.1 s and the e-mail queue's backlog from 352 to 3,988, fewer
    /// notifications finishing, not more (docs/performance.md, "Prison-release notifications").
    /// </summary>
    public const int Concurrency = 4;

    private readonly Channel<Nudge> pending = Channel.CreateUnbounded<Nudge>();

    /// <summary>Nudges posted and not yet taken up (a measure of how far the relay is behind; benchmarks sample it).</summary>
    public int Pending => pending.Reader.Count;

    /// <summary>Hands the entries over; never blocks and never throws.</summary>
    public void Post(string container, string partition, IReadOnlyList<OutboxEntry> entries) =>
        pending.Writer.TryWrite(new Nudge(container, partition, entries));

    /// <summary>Dispatches nudges as they are posted, until <paramref name="cancellationToken"/> stops it.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Parallel.ForEachAsync(pending.Reader.ReadAllAsync(cancellationToken),
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                async (nudge, token) => await relay.NudgeAsync(nudge.Container, nudge.Partition, nudge.Entries, token));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what is still pending is the sweep's.
        }
    }

    /// <summary>Dispatches whatever is pending now, here (for a caller with no hosted service running, e.g. a test).</summary>
    public async Task DispatchPendingAsync(CancellationToken cancellationToken)
    {
        while (pending.Reader.TryRead(out var nudge))
        {
            await relay.NudgeAsync(nudge.Container, nudge.Partition, nudge.Entries, cancellationToken);
        }
    }

    private sealed record Nudge(string Container, string Partition, IReadOnlyList<OutboxEntry> Entries);
}
