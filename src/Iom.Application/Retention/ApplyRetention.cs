using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Offending;
using Iom.Application.Panels;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iom.Application.Retention;

/// <summary>
/// Erases closed referrals whose retention period has passed: the referral, its panel listing, its locator and
/// reference, and the identifier claims that still point at it. The erasure is audited in the same commit that
/// deletes the referral; with a <see cref="ReferralErased"/> marker for the nightly rollup run; audit records themselves hold no personal data
/// and stay, as do aggregate rollups.
/// When the referral is the person's last, the person leaves IOM: their offending records go too, the last of them in
/// the referral's commit (earlier ones, beyond what one commit holds, in audited commits just before it), and each
/// record's source claim becomes a tombstone first (<see cref="OffendingSourceClaim.Erased"/>) so a later upload of the
/// same rows cannot bring them back. A run stopped part way leaves the referral in place and is finished next time.
/// </summary>
public sealed partial class ApplyRetention(IDocumentStore documents, AuditTrail audit, IOptions<RetentionOptions> options, ILogger<ApplyRetention> logger)
{
    public const string Purpose = "Data protection: erasing records whose retention period has ended";

    private static readonly Caller System = new("system:retention", "IOM Functions", null, null, new HashSet<string>());

    public async Task<RetentionReport> HandleAsync(DateTimeOffset now, string correlationId, CancellationToken cancellationToken)
    {
        var actor = new ActingAs(System, correlationId, Purpose);
        var examined = 0;
        var erased = 0;
        foreach (var panel in Enum.GetValues<PanelCode>())
        {
            await foreach (var listing in documents.ReadPartitionAsync<ReferralListing>(Containers.Panels, PanelDirectory.Code(panel), cancellationToken))
            {
                examined++;
                if (listing.Value.Status is not (ReferralStatus.Withdrawn or ReferralStatus.Declined))
                {
                    continue;
                }

                var stored = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(listing.Value.PersonId, listing.Value.ReferralId), cancellationToken);
                if (stored is not null && !Expired(stored.Value, now))
                {
                    continue;
                }

                if (stored is not null)
                {
                    var offending = await OffendingRecordsToEraseAsync(stored.Value, now, cancellationToken);
                    var personId = stored.Value.PersonId;
                    var chunks = offending.Chunk(RecordOffendingRecords.MaxRecordsPerCommit).ToList();
                    foreach (var chunk in chunks.Take(Math.Max(0, chunks.Count - 1)))
                    {
                        await audit.CommitAsync(actor.Entry(personId, AuditOperation.Erasure, OffendingDocuments.AuditSubject, now), chunk, cancellationToken);
                    }

                    AuditEntry[] entries = chunks.Count == 0
                        ? [actor.Entry(personId, AuditOperation.Erasure, $"referral/{stored.Value.Id}", now)]
                        : [actor.Entry(personId, AuditOperation.Erasure, $"referral/{stored.Value.Id}", now), actor.Entry(personId, AuditOperation.Erasure, OffendingDocuments.AuditSubject, now)];
                    // The change feed does not show deletions: the marker, in the same commit, tells the nightly rollup run that the
                    // referral's fact leaves the measures (as a full recompute would no longer count it) and the person's facts are rebuilt.
                    await audit.CommitAsync(entries,
                        [DocumentWrite.Delete(stored.Value.Id, stored.ETag),
                         DocumentWrite.Upsert(ReferralErased.IdOf(stored.Value.Id), new ReferralErased(personId, stored.Value.Id, now)),
                         .. chunks.LastOrDefault() ?? []], cancellationToken);
                    await ReleaseIndexesAsync(stored.Value, cancellationToken);
                    erased++;
                }

                // The listing goes last: while it exists, a run interrupted above is picked up again next time.
                await documents.DeleteAsync(listing.Key, null, cancellationToken);
            }
        }

        LogRetention(logger, examined, erased);
        return new RetentionReport(examined, erased);
    }

    private bool Expired(Referral referral, DateTimeOffset now)
    {
        var closedAt = referral.History.Count > 0 ? referral.History[^1].At : referral.SubmittedAt;
        var days = referral.Status == ReferralStatus.Withdrawn ? options.Value.WithdrawnReferralDays : options.Value.DeclinedReferralDays;
        return now - closedAt >= TimeSpan.FromDays(days);
    }

    /// <summary>
    /// The deletes of the person's offending records when <paramref name="referral"/> is their last referral (none
    /// otherwise: a person still referred is still known). Their claims are made tombstones before anything is deleted.
    /// </summary>
    private async Task<List<DocumentWrite>> OffendingRecordsToEraseAsync(Referral referral, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await foreach (var other in documents.ReadPartitionAsync<Referral>(Containers.People, referral.PersonId, cancellationToken))
        {
            if (other.Value.Id != referral.Id)
            {
                return [];
            }
        }

        var deletes = new List<DocumentWrite>();
        await foreach (var record in documents.ReadPartitionAsync<StoredOffendingRecord>(Containers.People, referral.PersonId, cancellationToken))
        {
            await documents.UpsertAsync(OffendingDocuments.ClaimOf(record.Value.SourceRef), OffendingSourceClaim.Erased(now), cancellationToken);
            deletes.Add(DocumentWrite.Delete(record.Key.Id, record.ETag));
        }

        return deletes;
    }

    private async Task ReleaseIndexesAsync(Referral referral, CancellationToken cancellationToken)
    {
        foreach (var key in referral.MatchKeys)
        {
            var id = PersonMatchKeys.ToDocumentId(key);
            var claimKey = new DocumentKey(Containers.Identities, id, id);
            if (await documents.ReadAsync<IdentityClaim>(claimKey, cancellationToken) is { } claim && claim.Value.ReferralId == referral.Id)
            {
                await documents.DeleteAsync(claimKey, claim.ETag, cancellationToken);
            }
        }

        await documents.DeleteAsync(IdentityClaims.ReferenceKeyOf(referral.Reference), null, cancellationToken);
        await documents.DeleteAsync(ReferralStore.LocatorKeyOf(referral.Id), null, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: examined {Examined} listings, erased {Erased} referrals")]
    private static partial void LogRetention(ILogger logger, int examined, int erased);
}
