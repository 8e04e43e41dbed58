using System.Collections.Concurrent;
using Iom.Application.Audit;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Calendar;
using Iom.Domain.Identifiers;
using Iom.Domain.Offending;
using Iom.Domain.Referrals;

namespace Iom.Application.Offending;

/// <summary>
/// Takes an upload of offending records in. The whole file is read and checked first (row rules, a source reference
/// once per file, a reference already taken with other content), keeping only the checked records, never the file;
/// then, unless a row was refused and the caller did not ask to accept the valid rows, each record about a person IOM
/// knows is stored in their partition, a person's records together with one Collection record per commit. Rows about
/// nobody IOM knows are counted and dropped (data minimisation); they are not errors.
/// Idempotent by source reference: a claim per reference (<see cref="OffendingSourceClaim"/>), created only if absent,
/// decides between two uploads at once, and a record's id is fixed by its reference, so a retry, a repeat or a twin
/// upload stores each record once. A reference whose record retention erased keeps a tombstone claim, so its row is
/// reported unchanged and the record never comes back. A claim whose record is missing (an upload stopped between the two) is healed by the
/// next upload of that row. Round trips grow with the people and references in the file, in parallel, never one
/// sequential trip per row.
/// </summary>
public sealed class RecordOffendingRecords(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    /// <summary>The report lists at most this many rejected rows; the counts are always complete.</summary>
    public const int MaxReportedRows = 1000;

    /// <summary>A person's records per commit (a Cosmos DB batch takes 100 operations; the audit record and head take two).</summary>
    public const int MaxRecordsPerCommit = 50;

    private const int Parallelism = 16;

    public async Task<OffendingUploadReport> HandleAsync(IAsyncEnumerable<NumberedRow> rows, bool acceptValid, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var today = LondonTime.LondonDate(now);
        var rejected = new RejectedRows();
        var (received, valid) = await CheckAsync(rows, today, rejected, cancellationToken);

        var people = await PeopleAsync(valid.Select(v => v.Record.PncId).Distinct(), cancellationToken);
        var known = valid.Where(v => people.ContainsKey(v.Record.PncId))
            .Select(v => new Pending(v.Row, people[v.Record.PncId], v.Record, OffendingDocuments.ContentHashOf(v.Record.Fingerprint)))
            .ToList();
        var unknownPerson = valid.Count - known.Count;

        var claims = new ConcurrentDictionary<Pending, OffendingSourceClaim?>();
        await Parallel.ForEachAsync(known, Options(cancellationToken), async (pending, ct) =>
            claims[pending] = (await documents.ReadAsync<OffendingSourceClaim>(OffendingDocuments.ClaimOf(pending.Record.SourceRef), ct))?.Value);
        var fresh = new List<Pending>();
        var repeats = new ConcurrentBag<Pending>();
        foreach (var pending in known)
        {
            switch (claims[pending])
            {
                case null: fresh.Add(pending); break;
                // Erased under retention: counted unchanged, never stored again (OffendingSourceClaim.Erased).
                case { ErasedAt: not null }: break;
                case var claim when pending.Matches(claim): repeats.Add(pending); break;
                default: rejected.Conflict(pending.Row); break;
            }
        }

        if (rejected.Count > 0 && !acceptValid)
        {
            return rejected.Report(applied: false, received, accepted: 0, repeats.Count, unknownPerson);
        }

        // Claim first: a reference is this upload's to store only once its claim is created (or found with this content).
        var claimed = new ConcurrentBag<Pending>();
        await Parallel.ForEachAsync(fresh, Options(cancellationToken), async (pending, ct) =>
        {
            try
            {
                await documents.CreateAsync(OffendingDocuments.ClaimOf(pending.Record.SourceRef), new OffendingSourceClaim(pending.PersonId, pending.ContentHash, now), ct);
                claimed.Add(pending);
            }
            catch (DocumentConflictException)
            {
                // Another upload claimed it meanwhile: the same row is a repeat, another is a conflict after all.
                var claim = await documents.ReadAsync<OffendingSourceClaim>(OffendingDocuments.ClaimOf(pending.Record.SourceRef), ct);
                if (claim is { Value.ErasedAt: not null })
                {
                    // Erased meanwhile: unchanged, and not a repeat to heal.
                }
                else if (claim is not null && pending.Matches(claim.Value))
                {
                    repeats.Add(pending);
                }
                else
                {
                    rejected.Conflict(pending.Row);
                }
            }
        });

        // A repeat's record should be stored already; one whose upload stopped after claiming it is stored now.
        var missing = new ConcurrentBag<Pending>();
        await Parallel.ForEachAsync(repeats, Options(cancellationToken), async (pending, ct) =>
        {
            if (await documents.ReadAsync<StoredOffendingRecord>(OffendingDocuments.RecordOf(pending.PersonId, pending.Record.SourceRef), ct) is null)
            {
                missing.Add(pending);
            }
        });

        var batches = claimed.Concat(missing)
            .GroupBy(p => p.PersonId, StringComparer.Ordinal)
            .SelectMany(g => g.OrderBy(p => p.Row).Chunk(MaxRecordsPerCommit))
            .ToList();
        long accepted = 0;
        await Parallel.ForEachAsync(batches, Options(cancellationToken), async (batch, ct) =>
            Interlocked.Add(ref accepted, await StoreAsync(batch, actor, now, ct)));

        return rejected.Report(applied: true, received, accepted, known.Count - accepted - rejected.Conflicts, unknownPerson);
    }

    private static async Task<(long Received, List<(long Row, OffendingRecord Record)> Valid)> CheckAsync(
        IAsyncEnumerable<NumberedRow> rows, DateOnly today, RejectedRows rejected, CancellationToken cancellationToken)
    {
        long received = 0;
        var valid = new List<(long Row, OffendingRecord Record)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            received++;
            var record = OffendingRowRules.Validate(row.Values, today, out var errors);
            if (record is null)
            {
                rejected.Add(row.Row, errors);
            }
            else if (!seen.Add(record.SourceRef))
            {
                // The first row with a reference stands; a later one is refused, whatever it holds.
                rejected.Add(row.Row, [new RowError(OffendingRowRules.SourceRefField, RowErrorCodes.DuplicateInFile, "The source reference is on an earlier row of the file")]);
            }
            else
            {
                valid.Add((row.Row, record));
            }
        }

        return (received, valid);
    }

    /// <summary>The person each PNC ID belongs to, by the identifier index (one point read per ID, as the people look-up does).</summary>
    private async Task<Dictionary<PncId, string>> PeopleAsync(IEnumerable<PncId> pncIds, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<PncId, string>();
        await Parallel.ForEachAsync(pncIds, Options(cancellationToken), async (pnc, ct) =>
        {
            var id = PersonMatchKeys.ToDocumentId(PersonMatchKeys.OfPnc(pnc));
            // A provisional claim belongs to a referral not yet known to be stored: nobody is known by it yet.
            if (await documents.ReadAsync<IdentityClaim>(new DocumentKey(Containers.Identities, id, id), ct) is { Value.Provisional: null } claim)
            {
                found[pnc] = claim.Value.PersonId;
            }
        });
        return new Dictionary<PncId, string>(found);
    }

    /// <returns>How many of the batch's records this commit stored (the rest were stored meanwhile by a twin upload).</returns>
    private async Task<int> StoreAsync(Pending[] batch, ActingAs actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var personId = batch[0].PersonId;
        IReadOnlyList<DocumentWrite> Writes(IEnumerable<Pending> pending) =>
            [.. pending.Select(p => DocumentWrite.Create(OffendingDocuments.RecordIdOf(p.Record.SourceRef), p.ToStored(now)))];

        try
        {
            await audit.CommitAsync(actor.Entry(personId, AuditOperation.Collection, OffendingDocuments.AuditSubject, now), Writes(batch), cancellationToken);
            return batch.Length;
        }
        catch (DocumentConflictException)
        {
            // A twin upload stored some of these first: store the rest.
            var left = new List<Pending>();
            foreach (var pending in batch)
            {
                if (await documents.ReadAsync<StoredOffendingRecord>(OffendingDocuments.RecordOf(personId, pending.Record.SourceRef), cancellationToken) is null)
                {
                    left.Add(pending);
                }
            }

            if (left.Count > 0)
            {
                await audit.CommitAsync(actor.Entry(personId, AuditOperation.Collection, OffendingDocuments.AuditSubject, now), Writes(left), cancellationToken);
            }

            return left.Count;
        }
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private sealed record Pending(long Row, string PersonId, OffendingRecord Record, string ContentHash)
    {
        public bool Matches(OffendingSourceClaim claim) =>
            string.Equals(claim.ContentHash, ContentHash, StringComparison.Ordinal) && string.Equals(claim.PersonId, PersonId, StringComparison.Ordinal);

        public StoredOffendingRecord ToStored(DateTimeOffset now) =>
            new(PersonId, Record.SourceRef, Record.OffenceDate, Record.OutcomeDate, Record.Outcome, Record.OffenceType, now);
    }

    /// <summary>The refused rows: counted in full, listed up to <see cref="MaxReportedRows"/>.</summary>
    private sealed class RejectedRows
    {
        private readonly List<OffendingRowProblem> problems = [];
        private readonly HashSet<long> listed = [];
        private long count;
        private long conflicts;

        public long Count => Interlocked.Read(ref count);

        public long Conflicts => Interlocked.Read(ref conflicts);

        public void Add(long row, IEnumerable<RowError> errors)
        {
            lock (problems)
            {
                count++;
                if (listed.Count < MaxReportedRows && listed.Add(row))
                {
                    problems.AddRange(errors.Select(e => new OffendingRowProblem(row, e.Field, e.Code, e.Message)));
                }
            }
        }

        public void Conflict(long row)
        {
            Interlocked.Increment(ref conflicts);
            Add(row, [new RowError(OffendingRowRules.SourceRefField, RowErrorCodes.SourceRefConflict,
                "The source reference was sent before with other content; send a new reference for a new record")]);
        }

        public OffendingUploadReport Report(bool applied, long received, long accepted, long unchanged, long unknownPerson)
        {
            lock (problems)
            {
                return new OffendingUploadReport(applied, received, accepted, unchanged, unknownPerson, count,
                    [.. problems.OrderBy(p => p.Row)], count > listed.Count);
            }
        }
    }
}
