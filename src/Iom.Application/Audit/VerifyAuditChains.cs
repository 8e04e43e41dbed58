using Iom.Application.Ports.AuditAnchors;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Audit;

/// <summary>
/// Verifies every person's audit chain (the verification command, <c>GET /api/audit/verify</c> without a person, and
/// the nightly timer run this; the hourly anchor is <see cref="AnchorChainHeads"/>, from the heads alone). Chains are found from their heads, so no person id needs to be known; audit records
/// whose head is gone (deleted, which no code path does) are found by a second pass over the records themselves, and
/// chains deleted whole by the latest anchor, which still names them. With <c>anchor</c> it then appends a new anchor:
/// every intact chain as it stands, and for a broken or missing chain the checkpoint it had, so a break is never
/// anchored over and keeps being reported.
/// </summary>
public sealed class VerifyAuditChains(IDocumentStore documents, AuditTrail trail, IAuditAnchorStore anchors, TimeProvider time)
{
    public async Task<AuditChainsReport> HandleAsync(CancellationToken cancellationToken) => await HandleAsync(anchor: false, cancellationToken);

    public async Task<AuditChainsReport> HandleAsync(bool anchor, CancellationToken cancellationToken)
    {
        var latest = await anchors.ReadLatestAsync(cancellationToken);
        var keys = await trail.KeysAsync(cancellationToken);
        var chains = 0;
        var records = 0L;
        var unkeyedRecords = 0L;
        var unkeyedChains = 0;
        var broken = new List<BrokenChain>();
        var checkpoints = new List<ChainCheckpoint>();
        var verified = new HashSet<string>(StringComparer.Ordinal);

        async Task VerifyAsync(string personId)
        {
            var verification = await trail.VerifyAsync(personId, latest, keys, cancellationToken);
            chains++;
            records += verification.Records;
            unkeyedRecords += verification.UnkeyedRecords;
            unkeyedChains += verification.UnkeyedRecords > 0 ? 1 : 0;
            if (!verification.Intact)
            {
                broken.Add(new BrokenChain(personId, verification.Records, verification.FirstBrokenSequence, verification.Problem ?? "The chain does not verify."));
                if (latest?.Find(personId) is { } kept)
                {
                    checkpoints.Add(kept);
                }
            }
            else if (verification.LastMac is { } mac)
            {
                checkpoints.Add(new ChainCheckpoint(personId, verification.Records, mac));
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

        // A chain the anchor holds that has neither head nor records left: deleted whole.
        foreach (var anchored in latest?.Chains ?? [])
        {
            if (verified.Add(anchored.PersonId))
            {
                await VerifyAsync(anchored.PersonId);
            }
        }

        DateTimeOffset? written = null;
        if (anchor)
        {
            written = time.GetUtcNow();
            await anchors.AppendAsync(new AuditAnchor(Guid.NewGuid().ToString("N"), written.Value, checkpoints), cancellationToken);
        }

        return new AuditChainsReport(chains, records, broken.OrderBy(b => b.PersonId, StringComparer.Ordinal).ToList())
        {
            UnkeyedRecords = unkeyedRecords,
            UnkeyedChains = unkeyedChains,
            AnchoredAt = latest?.At,
            AnchorWritten = written,
        };
    }
}
