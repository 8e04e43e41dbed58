using System.Text.Json;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Performance;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// Computes a period's rollup from facts and stores it. A rollup whose bytes equal the stored one is not written
/// again, so its ETag changes only when a figure, the definitions or the watermark does.
/// </summary>
public sealed class RollupWriter(IDocumentStore documents, WorkingDayCalendar calendar)
{
    public async Task<StoredDocument<Rollup>> ComputeAsync(ReportingPeriod period, DateOnly today, PerformanceFactsRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        return await WriteAsync(RollupCalculator.Compute(period, today, read.Facts, new RollupWatermark(read.AsOf, read.Position), calendar), cancellationToken);
    }

    /// <summary>Stores a rollup computed elsewhere (the incremental run's), under the same rule: same bytes, no write.</summary>
    public async Task<StoredDocument<Rollup>> WriteAsync(Rollup rollup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        var key = new DocumentKey(Containers.Performance, rollup.Period, RollupDocuments.RollupId);
        var stored = await documents.ReadAsync<Rollup>(key, cancellationToken);
        if (stored is not null && Bytes(stored.Value).AsSpan().SequenceEqual(Bytes(rollup)))
        {
            return stored;
        }

        return await documents.UpsertAsync(key, rollup, cancellationToken);
    }

    /// <summary>The rollup as stored: the document JSON the store writes.</summary>
    public static byte[] Bytes(Rollup rollup) => JsonSerializer.SerializeToUtf8Bytes(rollup, DocumentJson.Options);
}
