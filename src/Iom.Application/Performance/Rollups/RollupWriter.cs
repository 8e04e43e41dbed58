using System.Text.Json;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Performance;
using Microsoft.Extensions.Options;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// Computes a period's rollup from facts and stores it. A rollup whose bytes equal the stored one is not written
/// again, so its ETag changes only when a figure, the definitions or the watermark does.
/// </summary>
/// <remarks>The NI 30 baseline and target come from configuration (<see cref="Ni30Options"/>) and reach the calculation as a plain record.</remarks>
public sealed class RollupWriter(IDocumentStore documents, WorkingDayCalendar calendar, IOptions<Ni30Options> ni30)
{
    public async Task<StoredDocument<Rollup>> ComputeAsync(ReportingPeriod period, DateOnly today, PerformanceFactsRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var rollup = RollupCalculator.Compute(period, today, read.Facts, new RollupWatermark(read.AsOf, read.Position), calendar, ni30.Value.ToTarget());
        var key = RollupDocuments.KeyOf(period);
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
