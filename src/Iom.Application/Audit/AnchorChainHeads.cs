using Iom.Application.Ports.AuditAnchors;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Audit;

/// <summary>
/// The hourly anchor: checkpoints every audit chain from its head (count and seal of the last record) without reading
/// the chain, so its cost is the number of chains, not of records. Verifying every record stays the nightly
/// <see cref="VerifyAuditChains"/> job's and the verify-audit command's. What an anchor protects it still checks: a
/// chain whose head no longer agrees with the latest anchor — fewer records than anchored, another record at the
/// anchored place, or no head at all — is held back (its previous checkpoint carried forward), so a cut-back, rewritten
/// or deleted chain is never anchored over and keeps being reported by every verification.
/// </summary>
public sealed class AnchorChainHeads(IDocumentStore documents, IAuditAnchorStore anchors, TimeProvider time)
{
    public async Task<AnchoredHeads> HandleAsync(CancellationToken cancellationToken)
    {
        var latest = await anchors.ReadLatestAsync(cancellationToken);
        var checkpoints = new List<ChainCheckpoint>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var heldBack = 0;
        await foreach (var stored in documents.ReadKindAsync<AuditChainHead>(Containers.People, cancellationToken))
        {
            var person = stored.Key.Partition;
            if (!seen.Add(person))
            {
                continue;
            }

            var kept = latest?.Find(person);
            if (await CheckpointAsync(person, stored.Value, kept, cancellationToken) is { } checkpoint)
            {
                checkpoints.Add(checkpoint);
            }
            else
            {
                heldBack++;
                if (kept is not null)
                {
                    checkpoints.Add(kept);
                }
            }
        }

        // A chain the latest anchor holds whose head is gone: deleted, or its head removed. Keep what was anchored.
        foreach (var anchored in latest?.Chains ?? [])
        {
            if (seen.Add(anchored.PersonId))
            {
                heldBack++;
                checkpoints.Add(anchored);
            }
        }

        var at = time.GetUtcNow();
        await anchors.AppendAsync(new AuditAnchor(Guid.NewGuid().ToString("N"), at, checkpoints), cancellationToken);
        return new AnchoredHeads(seen.Count, heldBack, at);
    }

    /// <summary>The chain's checkpoint now, or null when its head disagrees with the anchor before (or with its last record).</summary>
    private async Task<ChainCheckpoint?> CheckpointAsync(string person, AuditChainHead head, ChainCheckpoint? kept, CancellationToken cancellationToken)
    {
        if (head.Count < 1 || (kept is not null && head.Count < kept.Count))
        {
            return null;
        }

        // Heads written before they kept the seal: the last record says it, if it is the one the head names.
        var lastSeal = head.LastMac ?? (await RecordAsync(person, head.Count, cancellationToken) is { } last && last.Hash == head.LastHash ? last.Seal : null);
        if (lastSeal is null)
        {
            return null;
        }

        // Records are appended, never changed: the record the anchor sealed must still be in its place. One point read
        // when the chain has grown, none when it has not.
        if (kept is not null)
        {
            var anchoredSeal = head.Count == kept.Count ? lastSeal : (await RecordAsync(person, kept.Count, cancellationToken))?.Seal;
            if (anchoredSeal != kept.LastMac)
            {
                return null;
            }
        }

        return new ChainCheckpoint(person, head.Count, lastSeal);
    }

    private async Task<AuditRecord?> RecordAsync(string person, long sequence, CancellationToken cancellationToken) =>
        (await documents.ReadAsync<AuditRecord>(new DocumentKey(Containers.People, person, AuditRecord.IdOf(sequence)), cancellationToken))?.Value;
}
