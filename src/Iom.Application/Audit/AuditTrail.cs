using System.Globalization;
using System.Security.Cryptography;
using Iom.Application.Ports.AuditAnchors;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Secrets;

namespace Iom.Application.Audit;

/// <summary>
/// Writes changes to a person's data together with their audit record, atomically (one commit in the person's
/// partition), and appends the record to the person's hash chain. Never fire-and-forget: if the record cannot be
/// written, neither is the change, and the caller sees the failure.
/// </summary>
public sealed class AuditTrail(IDocumentStore documents, ISecretStore secrets, IAuditAnchorStore anchors)
{
    // Writers in this instance take turns per person rather than race for the chain head (see PersonTurns).
    private readonly PersonTurns turns = new();

    // Each round of contention lets at least one writer through, so this many writers at once always succeed.
    public const int MaxAttempts = 8;

    /// <summary>
    /// The chain of operations on the audit log as a whole (who verified every chain), kept like a person's chain so it
    /// is keyed, verified and anchored with the rest. Not a person id (those are 32 hex digits), so it never meets one.
    /// </summary>
    public const string OperationsChain = "operations";

    /// <summary>The audit keys now: the first signs, any verifies (secret <see cref="SecretNames.AuditChainKey"/>).</summary>
    public Task<SymmetricKeys> KeysAsync(CancellationToken cancellationToken) =>
        SymmetricKeys.ReadAsync(secrets, SecretNames.AuditChainKey, cancellationToken);

    /// <summary>Commits <paramref name="change"/> (writes in the person's partition; may be empty for a read) with its audit record.</summary>
    public async Task<AuditRecord> CommitAsync(AuditEntry entry, IReadOnlyList<DocumentWrite> change, CancellationToken cancellationToken) =>
        (await CommitAsync([entry], change, cancellationToken))[0];

    /// <summary>Commits a change that is several audited operations at once (e.g. a collection that is also a combination).</summary>
    public Task<IReadOnlyList<AuditRecord>> CommitAsync(IReadOnlyList<AuditEntry> entries, IReadOnlyList<DocumentWrite> change, CancellationToken cancellationToken) =>
        CommitAsync(entries, change, null, cancellationToken);

    /// <summary>
    /// As <see cref="CommitAsync(IReadOnlyList{AuditEntry}, IReadOnlyList{DocumentWrite}, CancellationToken)"/>, starting
    /// from a chain head the caller has already read (<see cref="ReadHeadAsync"/>, e.g. alongside other reads) or knows
    /// cannot exist (a person id just made: <see cref="ChainHeadRead.None"/>), which saves a sequential round trip. A head
    /// that has moved since is read again, as when two writers race.
    /// </summary>
    public async Task<IReadOnlyList<AuditRecord>> CommitAsync(IReadOnlyList<AuditEntry> entries, IReadOnlyList<DocumentWrite> change, ChainHeadRead? known, CancellationToken cancellationToken)
    {
        var personId = entries.Select(e => e.PersonId).Distinct().Single();
        // No key, no record, and so no change: an unkeyed record would be forgeable by whoever can write the store.
        var signing = (await KeysAsync(cancellationToken)).Current;
        var headKey = new DocumentKey(Containers.People, personId, AuditChainHead.DocumentId);
        using var turn = await turns.TakeAsync(personId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var head = attempt == 1 && known is not null ? known.Head : await documents.ReadAsync<AuditChainHead>(headKey, cancellationToken);
            var records = Chain(entries, head?.Value.Count ?? 0, head?.Value.LastHash ?? AuditRecord.GenesisHash, signing);
            var newHead = new AuditChainHead(personId, records[^1].Sequence, records[^1].Hash) { LastMac = records[^1].Seal };
            DocumentWrite headWrite = head is null
                ? DocumentWrite.Create(AuditChainHead.DocumentId, newHead)
                : DocumentWrite.Replace(AuditChainHead.DocumentId, newHead, head.ETag);
            try
            {
                await documents.CommitAsync(Containers.People, personId, [.. change, .. records.Select(r => DocumentWrite.Create(r.Id, r)), headWrite], cancellationToken);
                return records;
            }
            catch (DocumentStoreException refused)
            {
                // Another record for this person may have been appended first: then chain onto it and try again.
                // Otherwise the change itself was refused (e.g. a stale ETag), and that is the caller's answer.
                if (!await HeadMovedAsync(headKey, head?.ETag, cancellationToken))
                {
                    throw;
                }

                if (attempt == MaxAttempts)
                {
                    throw new AuditChainBusyException(personId, refused);
                }

                // Writers that lost the same race would otherwise read the new head together and race again: a few
                // milliseconds of jitter, growing with each attempt, lets them take turns.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 4 << attempt)), cancellationToken);
            }
        }
    }

    /// <summary>The person's chain head now (null inside when the person has no chain yet).</summary>
    public async Task<ChainHeadRead> ReadHeadAsync(string personId, CancellationToken cancellationToken) =>
        new(await documents.ReadAsync<AuditChainHead>(new DocumentKey(Containers.People, personId, AuditChainHead.DocumentId), cancellationToken));

    /// <summary>
    /// Audits an auditor's look at a person's audit log (reading or verifying it): a Consultation in the person's chain,
    /// committed before anything is answered. A person with no log gets none begun by being looked up. A chain whose
    /// head is gone cannot take a record (it would clash with the first), so then the record goes to the
    /// <see cref="OperationsChain"/>, naming the person in its subject.
    /// </summary>
    public async Task<AuditRecord?> CommitConsultationAsync(ActingAs actor, string personId, string subject, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var head = await ReadHeadAsync(personId, cancellationToken);
        if (head.Head is not null)
        {
            // The head just read is where the record chains on (read again only if it has moved meanwhile).
            return (await CommitAsync([actor.Entry(personId, AuditOperation.Consultation, subject, at)], [], head, cancellationToken))[0];
        }

        // No head: one record is enough to tell a chain whose head was deleted from a person with no log.
        var any = await documents.QueryAsync<AuditRecord>(new DocumentQuery(Containers.People, personId) { OrderBy = "sequence", PageSize = 1 }, cancellationToken);
        return any.Items.Count > 0
            ? await CommitAsync(actor.Entry(OperationsChain, AuditOperation.Consultation, subject, at), [], cancellationToken)
            : null;
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

    /// <summary>
    /// Checks the person's chain: every record against its own hash, its MAC and its predecessor's hash, the last
    /// against the head, and the chain against the latest anchor.
    /// </summary>
    public async Task<ChainVerification> VerifyAsync(string personId, CancellationToken cancellationToken) =>
        await VerifyAsync(personId, await anchors.ReadLatestAsync(cancellationToken), await KeysAsync(cancellationToken), cancellationToken);

    /// <summary>As <see cref="VerifyAsync(string, CancellationToken)"/>, with the anchor and keys read once for many chains.</summary>
    public async Task<ChainVerification> VerifyAsync(string personId, AuditAnchor? anchor, SymmetricKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
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

            return Verify(personId, head?.Value, records, keys, anchor);
        }
    }

    private static ChainVerification Verify(string personId, AuditChainHead? head, IReadOnlyList<AuditRecord> records, SymmetricKeys keys, AuditAnchor? anchor)
    {
        var previous = AuditRecord.GenesisHash;
        var unkeyed = 0L;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var problem = record.Sequence != i + 1 ? "a record is missing before this one"
                : record.PreviousHash != previous ? "it does not chain from the record before"
                : record.Hash != record.ComputeHash() ? "its contents no longer match its hash"
                : record.Id != AuditRecord.IdOf(record.Sequence) ? "its id does not match its place"
                : MacProblem(record, keys, keyedBefore: i > unkeyed);
            if (problem is not null)
            {
                return new ChainVerification(personId, records.Count, false, record.Sequence, $"Record {record.Sequence}: {problem}.") { UnkeyedRecords = unkeyed };
            }

            unkeyed += record.IsKeyed ? 0 : 1;
            previous = record.Hash;
        }

        var broken = HeadProblem(head, records, previous) ?? AnchorProblem(anchor, personId, records);
        return broken is { } found
            ? new ChainVerification(personId, records.Count, false, found.Sequence, found.Problem) { UnkeyedRecords = unkeyed }
            : new ChainVerification(personId, records.Count, true, null, null) { UnkeyedRecords = unkeyed, LastMac = records.Count > 0 ? records[^1].Seal : null };
    }

    private static string? MacProblem(AuditRecord record, SymmetricKeys keys, bool keyedBefore)
    {
        if (!record.IsKeyed)
        {
            // An unkeyed record is one from before the key, so it can only come before every keyed one: otherwise
            // someone stripped a record of its MAC to rewrite it with a plain hash.
            return keyedBefore ? "it has no MAC although records before it have: it was rewritten without the audit key" : null;
        }

        if (record.KeyId is null || record.Mac is null)
        {
            return "its MAC or key id is missing";
        }

        if (keys.Find(record.KeyId) is not { } key)
        {
            return $"it was signed with audit key {record.KeyId}, which secret '{keys.SecretName}' no longer holds, so it cannot be verified";
        }

        return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(record.ComputeMac(key.Key)), HexOrEmpty(record.Mac))
            ? null
            : "its MAC does not match: it was changed by someone without the audit key";
    }

    private static byte[] HexOrEmpty(string text)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static (long? Sequence, string Problem)? HeadProblem(AuditChainHead? head, IReadOnlyList<AuditRecord> records, string lastHash)
    {
        if (head is null && records.Count > 0)
        {
            return (null, "The chain's head is missing: it was deleted.");
        }

        if ((head?.Count ?? 0) != records.Count || (head?.LastHash ?? AuditRecord.GenesisHash) != lastHash)
        {
            return (records.Count + 1L, "The chain's head does not match its last record: records were removed from the end.");
        }

        return null;
    }

    /// <summary>
    /// The store must still hold what the anchor saw: at least as many records, and at the anchored place the record
    /// the anchor sealed. Rewriting the whole chain with fresh hashes, or cutting it back and fixing its head, is
    /// caught here even by someone who could compute MACs.
    /// </summary>
    private static (long? Sequence, string Problem)? AnchorProblem(AuditAnchor? anchor, string personId, IReadOnlyList<AuditRecord> records)
    {
        if (anchor?.Find(personId) is not { } anchored)
        {
            return null;
        }

        var at = anchor.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        if (records.Count == 0)
        {
            return (1, $"The chain is gone from the store, but the anchor of {at} holds it with {anchored.Count} records: it was deleted.");
        }

        if (records.Count < anchored.Count)
        {
            return (records.Count + 1L, $"The chain has {records.Count} records, but the anchor of {at} holds {anchored.Count}: records were removed since.");
        }

        return records[(int)anchored.Count - 1].Seal == anchored.LastMac
            ? null
            : (anchored.Count, $"Record {anchored.Count}: it is not the record the anchor of {at} sealed: the chain was rewritten since.");
    }


    private static List<AuditRecord> Chain(IReadOnlyList<AuditEntry> entries, long count, string lastHash, SymmetricKey key)
    {
        var records = new List<AuditRecord>();
        foreach (var entry in entries)
        {
            var sequence = count + records.Count + 1;
            var unsigned = new AuditRecord(AuditRecord.IdOf(sequence), entry.PersonId, sequence, entry.Operation, entry.Subject, entry.Actor,
                entry.Purpose, entry.At, entry.CorrelationId, entry.Recipients, records.Count > 0 ? records[^1].Hash : lastHash, "", KeyId: key.Id)
            {
                StatedPurpose = entry.StatedPurpose,
                DisclosureId = entry.DisclosureId,
                DisclosurePeople = entry.DisclosurePeople,
            };
            records.Add(unsigned with { Hash = unsigned.ComputeHash(), Mac = unsigned.ComputeMac(key.Key) });
        }

        return records;
    }

    private async Task<bool> HeadMovedAsync(DocumentKey headKey, string? etagUsed, CancellationToken cancellationToken) =>
        (await documents.ReadAsync<AuditChainHead>(headKey, cancellationToken))?.ETag != etagUsed;
}
