using System.Text.Json;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Performance;
using Iom.Domain.Performance.Reoffending;
using Microsoft.Extensions.Options;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// Computes a period's rollup from facts and stores it. A rollup whose bytes equal the stored one is not written
/// again, so its ETag changes only when a figure, the definitions or the watermark does. The first time a month's
/// rollup is final, its councillor view is published (<see cref="PublishedCouncillorView"/>); a later recompute
/// changes the rollup analysts read, never what councillors read.
/// </summary>
/// <remarks>The NI 30 baseline and target come from configuration (<see cref="Ni30Options"/>) and reach the calculation as a plain record.</remarks>
public sealed class RollupWriter(IDocumentStore documents, WorkingDayCalendar calendar, IOptions<Ni30Options> ni30)
{
    public async Task<StoredDocument<Rollup>> ComputeAsync(ReportingPeriod period, DateOnly today, PerformanceFactsRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        return await WriteAsync(period, today, RollupCalculator.Compute(period, today, read.Facts, new RollupWatermark(read.AsOf, read.Position), calendar, Ni30), cancellationToken);
    }

    /// <summary>The configured NI 30 baseline and target, as the calculation takes it (null when not configured).</summary>
    public Ni30Target? Ni30 => ni30.Value.ToTarget();

    /// <summary>Stores a rollup computed elsewhere (the incremental run's), under the same rule: same bytes, no write.</summary>
    public async Task<StoredDocument<Rollup>> WriteAsync(ReportingPeriod period, DateOnly today, Rollup rollup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        var key = RollupDocuments.KeyOf(period);
        var stored = await documents.ReadAsync<Rollup>(key, cancellationToken);
        var written = stored is not null && Bytes(stored.Value).AsSpan().SequenceEqual(Bytes(rollup))
            ? stored
            : await documents.UpsertAsync(key, rollup, cancellationToken);
        await PublishAsync(period, written.Value, today, cancellationToken);
        return written;
    }

    /// <summary>
    /// Publishes the councillor view of a final month, once: created only if absent, so the view first published stands
    /// whatever a recompute finds later. A month final before publication existed is published by its next recompute.
    /// </summary>
    /// <returns>True when this call published it.</returns>
    public async Task<bool> PublishAsync(ReportingPeriod period, Rollup rollup, DateOnly today, CancellationToken cancellationToken)
    {
        if (CouncillorView.Of(period, rollup) is not { } view)
        {
            return false;
        }

        try
        {
            await documents.CreateAsync(RollupDocuments.CouncillorViewKeyOf(period), new PublishedCouncillorView(view, today), cancellationToken);
            return true;
        }
        catch (DocumentConflictException)
        {
            // Published before: the first view stands (docs/performance-dashboard.md, "Recomputed months").
            return false;
        }
    }

    /// <summary>The rollup as stored: the document JSON the store writes.</summary>
    public static byte[] Bytes(Rollup rollup) => JsonSerializer.SerializeToUtf8Bytes(rollup, DocumentJson.Options);
}
