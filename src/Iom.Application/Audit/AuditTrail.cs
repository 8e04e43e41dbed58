using Iom.Application.Ports.Documents;

namespace Iom.Application.Audit;

public sealed record ChainVerification(string PersonId, long Records, bool Intact, long? FirstBrokenSequence, string? Problem) : Api.IApiResponse;

/// <summary>
/// Writes changes to a person's data together with their audit record, atomically (one commit in the person's
/// partition), and appends the record to the person's hash chain. Never fire-and-forget: if the record cannot be
/// written, neither is the change, and the caller sees the failure.
/// </summary>
public sealed class AuditTrail(IDocumentStore documents)
{
    // Each round of contention lets at least one writer through, so this many writers at once always succeed.
    public const int MaxAttempts = 8;

    /// <summary>Commits <paramref name="change"/> (writes in the person's partition; may be empty for a read) with its audit record.</summary>
    public async Task<AuditRecord> CommitAsync(AuditEntry entry, IReadOnlyList<DocumentWrite> change, CancellationToken cancellationToken) =>
        (await CommitAsync([entry], change, cancellationToken))[0];

    /// <summary>Commits a change that is several audited operations at once (e.g. a collection that is also a combination).</summary>
    public async Task<IReadOnlyList<AuditRecord>> CommitAsync(IReadOnlyList<AuditEntry> entries, IReadOnlyList<DocumentWrite> change, CancellationToken cancellationToken)
    {
        var personId = entries.Select(e => e.PersonId).Distinct().Single();
        var headKey = new DocumentKey(Containers.People, personId, AuditChainHead.DocumentId);
        for (var attempt = 1; ; attempt++)
        {
            var head = await documents.ReadAsync<AuditChainHead>(headKey, cancellationToken);
            var records = Chain(entries, head?.Value.Count ?? 0, head?.Value.LastHash ?? AuditRecord.GenesisHash);
            var newHead = new AuditChainHead(personId, records[^1].Sequence, records[^1].Hash);
            DocumentWrite headWrite = head is null
                ? DocumentWrite.Create(AuditChainHead.DocumentId, newHead)
                : DocumentWrite.Replace(AuditChainHead.DocumentId, newHead, head.ETag);
            try
            {
                await documents.CommitAsync(Containers.People, personId, [.. change, .. records.Select(r => DocumentWrite.Create(r.Id, r)), headWrite], cancellationToken);
                return records;
            }
            catch (DocumentStoreException) when (attempt < MaxAttempts)
            {
                // Another record for this person may have been appended first: then chain onto it and try again.
                // Otherwise the change itself was refused (e.g. a stale ETag), and that is the caller's answer.
                if (!await HeadMovedAsync(headKey, head?.ETag, cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    /// <summary>The person's records in order, each checked against its own hash and its predecessor's.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(string personId, CancellationToken cancellationToken)
    {
        var records = new List<AuditRecord>();
        await foreach (var stored in documents.ReadPartitionAsync<AuditRecord>(Containers.People, personId, cancellationToken))
        {
            records.Add(stored.Value);
        }

        return records.OrderBy(r => r.Sequence).ToList();
    }

    /// <summary>Checks the person's chain: every record against its own hash and its predecessor's, and the last against the head.</summary>
    public async Task<ChainVerification> VerifyAsync(string personId, CancellationToken cancellationToken)
    {
        var headKey = new DocumentKey(Containers.People, personId, AuditChainHead.DocumentId);
        for (var attempt = 1; ; attempt++)
        {
            var head = await documents.ReadAsync<AuditChainHead>(headKey, cancellationToken);
            var records = await ReadAsync(personId, cancellationToken);

            // Every append moves the head in the same commit, so an unchanged head means the records read are one state
            // of the chain. A moved head means a record was appended meanwhile: read again rather than report a break.
            if (attempt < MaxAttempts && await HeadMovedAsync(headKey, head?.ETag, cancellationToken))
            {
                continue;
            }

            return Verify(personId, head?.Value, records);
        }
    }

    private static ChainVerification Verify(string personId, AuditChainHead? head, IReadOnlyList<AuditRecord> records)
    {
        var previous = AuditRecord.GenesisHash;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var problem = record.Sequence != i + 1 ? "a record is missing before this one"
                : record.PreviousHash != previous ? "it does not chain from the record before"
                : record.Hash != record.ComputeHash() ? "its contents no longer match its hash"
                : record.Id != AuditRecord.IdOf(record.Sequence) ? "its id does not match its place"
                : null;
            if (problem is not null)
            {
                return new ChainVerification(personId, records.Count, false, record.Sequence, $"Record {record.Sequence}: {problem}.");
            }

            previous = record.Hash;
        }

        if (head is null && records.Count > 0)
        {
            return new ChainVerification(personId, records.Count, false, null, "The chain's head is missing: it was deleted.");
        }

        if ((head?.Count ?? 0) != records.Count || (head?.LastHash ?? AuditRecord.GenesisHash) != previous)
        {
            return new ChainVerification(personId, records.Count, false, records.Count + 1L, "The chain's head does not match its last record: records were removed from the end.");
        }

        return new ChainVerification(personId, records.Count, true, null, null);
    }

    private static List<AuditRecord> Chain(IReadOnlyList<AuditEntry> entries, long count, string lastHash)
    {
        var records = new List<AuditRecord>();
        foreach (var entry in entries)
        {
            var sequence = count + records.Count + 1;
            var unsigned = new AuditRecord(AuditRecord.IdOf(sequence), entry.PersonId, sequence, entry.Operation, entry.Subject, entry.Actor,
                entry.Purpose, entry.At, entry.CorrelationId, entry.Recipients, records.Count > 0 ? records[^1].Hash : lastHash, "")
            {
                StatedPurpose = entry.StatedPurpose,
            };
            records.Add(unsigned with { Hash = unsigned.ComputeHash() });
        }

        return records;
    }

    private async Task<bool> HeadMovedAsync(DocumentKey headKey, string? etagUsed, CancellationToken cancellationToken) =>
        (await documents.ReadAsync<AuditChainHead>(headKey, cancellationToken))?.ETag != etagUsed;
}
