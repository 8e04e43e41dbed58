using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Offending;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Referrals;

namespace Iom.Application.People;

/// <summary>
/// Gathers a person's records from every place they live: their partition (referrals, offending records, audit log),
/// their panels' listings and the identifier index. The export is itself a disclosure, audited before the data is returned.
/// </summary>
public sealed class ExportPerson(IDocumentStore documents, AuditTrail audit, Iom.Domain.Wards.WardList wards, TimeProvider time)
{
    public const string Purpose = "Data protection: exporting everything held about a person (subject access or audit)";

    public static RefusalException NotFound() => new(RefusalKind.NotFound, "not-found", "Nothing is held about that person id.");

    public async Task<PersonExport> HandleAsync(string personId, ActingAs actor, CancellationToken cancellationToken)
    {
        actor.Reach(new PersonRef(personId), NotFound);
        var referrals = new List<Referral>();
        await foreach (var stored in documents.ReadPartitionAsync<Referral>(Containers.People, personId, cancellationToken))
        {
            referrals.Add(stored.Value);
        }

        // Bounded per person (their proven offences), like their referrals.
        var offences = new List<StoredOffendingRecord>();
        await foreach (var stored in documents.ReadPartitionAsync<StoredOffendingRecord>(Containers.People, personId, cancellationToken))
        {
            offences.Add(stored.Value);
        }

        var log = await audit.ReadAsync(personId, cancellationToken);
        if (referrals.Count == 0 && log.Count == 0)
        {
            throw NotFound();
        }

        var listings = new List<ReferralListing>();
        var claims = new List<IdentityClaim>();
        foreach (var referral in referrals)
        {
            if (await documents.ReadAsync<ReferralListing>(ReferralListings.KeyOf(referral), cancellationToken) is { } listing)
            {
                listings.Add(listing.Value);
            }

            foreach (var key in referral.MatchKeys)
            {
                var id = PersonMatchKeys.ToDocumentId(key);
                if (await documents.ReadAsync<IdentityClaim>(new DocumentKey(Containers.Identities, id, id), cancellationToken) is { Value.PersonId: var holder } claim
                    && holder == personId && claims.All(c => c.Key != claim.Value.Key))
                {
                    claims.Add(claim.Value);
                }
            }
        }

        var now = time.GetUtcNow();
        var disclosure = await audit.CommitAsync(
            actor.Entry(personId, AuditOperation.Disclosure, $"person/{personId}/export", now, [actor.Caller.Email ?? actor.Caller.UserId]), [], cancellationToken);
        return new PersonExport(
            personId,
            now,
            [.. referrals.Select(r => ExportedReferral.Of(r, wards))],
            [.. listings.Select(ExportedListing.Of)],
            [.. claims.Select(c => new ExportedIdentityClaim(c.Key, c.PersonId, c.ReferralId, c.ClaimedAt))],
            [.. offences.OrderBy(o => o.OffenceDate).ThenBy(o => o.SourceRef, StringComparer.Ordinal).Select(ExportedOffendingRecord.Of)],
            [.. log.Append(disclosure).Select(AuditRecordView.Of)]);
    }
}
