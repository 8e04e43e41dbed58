using Iom.Application.Ports.Documents;

namespace Iom.Application.Audit;

/// <summary>A chain that did not verify: whose it is (a pseudonymous person id) and what is wrong with it.</summary>
public sealed record BrokenChain(string PersonId, long Records, long? FirstBrokenSequence, string Problem);

/// <summary>The verdict on every audit chain in the store.</summary>
public sealed record AuditChainsReport(int ChainsChecked, long RecordsChecked, IReadOnlyList<BrokenChain> Broken) : Api.IApiResponse
{
    public bool Intact => Broken.Count == 0;
}

/// <summary>
/// Verifies every person's audit chain (the verification command, <c>GET /api/audit/verify</c> without a person, and
/// the daily timer all run this). Chains are found from their heads, so no person id needs to be known; audit records
/// whose head is gone (deleted, which no code path does) are found by a second pass over the records themselves.
/// </summary>
public sealed class VerifyAuditChains(IDocumentStore documents, AuditTrail trail)
{
    public async Task<AuditChainsReport> HandleAsync(CancellationToken cancellationToken)
    {
        var chains = 0;
        var records = 0L;
        var broken = new List<BrokenChain>();
        var verified = new HashSet<string>(StringComparer.Ordinal);

        async Task VerifyAsync(string personId)
        {
            var verification = await trail.VerifyAsync(personId, cancellationToken);
            chains++;
            records += verification.Records;
            if (!verification.Intact)
            {
                broken.Add(new BrokenChain(personId, verification.Records, verification.FirstBrokenSequence, verification.Problem ?? "The chain does not verify."));
            }
        }

        await foreach (var head in documents.ReadKindAsync<AuditChainHead>(Containers.People, cancellationToken))
        {
            if (verified.Add(head.Key.Partition))
            {
                await VerifyAsync(head.Key.Partition);
            }
        }

        // Only the partition of each record matters here. A chain begun since its head was missed above verifies as
        // intact now; one whose head was deleted is reported as such by the same verification.
        await foreach (var record in documents.ReadKindAsync<AuditRecord>(Containers.People, cancellationToken))
        {
            if (verified.Add(record.Key.Partition))
            {
                await VerifyAsync(record.Key.Partition);
            }
        }

        return new AuditChainsReport(chains, records, broken.OrderBy(b => b.PersonId, StringComparer.Ordinal).ToList());
    }
}
