using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Performance;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// Computes one period's rollup again from the facts as they are now, at once (a full pass: see
/// <see cref="DocumentFactSource"/>), and stores it. Deterministic: the same documents give the same bytes, and an
/// unchanged rollup is not rewritten, so its ETag stays. A period that has not started is refused (422); the
/// current period is measured to today.
/// </summary>
public sealed class RecomputeRollup(IPerformanceFactSource source, RollupWriter writer, TimeProvider time)
{
    public const string Purpose = "Performance reporting: computing a period's aggregate measures again";

    public async Task<StoredDocument<Rollup>> HandleAsync(string period, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var parsed = actor.Reach(RollupPeriods.Parse(period), RollupPeriods.NotComputed);
        var today = LondonTime.LondonDate(time.GetUtcNow());
        if (parsed.Start > today)
        {
            throw new RefusalException(RefusalKind.Unprocessable, "period-in-the-future", "That period has not started yet, so there is nothing to compute.");
        }

        var read = await source.ReadAsync(cancellationToken);
        return await writer.ComputeAsync(parsed, today, read, cancellationToken);
    }
}
