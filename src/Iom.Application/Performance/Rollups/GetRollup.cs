using Iom.Application.Audit;
using Iom.Application.Ports.Documents;
using Iom.Domain.Performance;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// A period's stored rollup: one point read, no write. Rollups hold aggregates and no personal data, so reading one
/// is not a consultation of anyone's records and writes no s.62 audit record.
/// </summary>
public sealed class GetRollup(IDocumentStore documents)
{
    public const string Purpose = "Performance reporting: reading a period's aggregate measures";

    public async Task<StoredDocument<Rollup>> HandleAsync(string period, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var parsed = actor.Reach(RollupPeriods.Parse(period), RollupPeriods.NotComputed);
        return await documents.ReadAsync<Rollup>(RollupDocuments.KeyOf(parsed), cancellationToken) ?? throw RollupPeriods.NotComputed();
    }
}
