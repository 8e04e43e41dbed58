using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals.Read;

/// <summary>
/// One referral, for the callers the endpoint's object rule lets reach it (<see cref="Access.ReferralAccess"/>).
/// Anyone else is told it does not exist, so existence does not leak. Every read is audited, and the audit record is
/// written before the data is returned: no record, no data.
/// </summary>
public sealed class GetReferralHandler(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    public const string Purpose = "Referral management: reading a referral to act on it";

    public async Task<Referral> HandleAsync(string referralId, ActingAs actor, CancellationToken cancellationToken)
    {
        var referral = actor.Reach((await documents.FindAsync(referralId, cancellationToken))?.Value, NotFound);
        await audit.CommitAsync(actor.Entry(referral.PersonId, AuditOperation.Consultation, $"referral/{referralId}", time.GetUtcNow()), [], cancellationToken);
        return referral;
    }

    public static RefusalException NotFound() => new(RefusalKind.NotFound, "not-found", "There is no referral with that id.");
}

public sealed record ReferralQuery(PanelCode Panel, DateOnly? Meeting, ReferralStatus? Status, int Page, int PageSize);

public sealed record ReferralPage(IReadOnlyList<ReferralListing> Items, int Page, int PageSize, int Total);

/// <summary>
/// A panel's referrals for co-ordinators and the panel's own members (the agenda in the making): references, dates
/// and statuses, no personal data. Listings are an index
/// kept beside the panel; each one is checked against its referral (the truth) by a point read, so a listing left by a
/// failed submission is skipped and one left stale by an interrupted update is shown as the referral is, and mended.
/// </summary>
public sealed class ListReferralsHandler(IDocumentStore documents)
{
    public const int MaxPageSize = 100;

    public async Task<ReferralPage> HandleAsync(ReferralQuery query, ActingAs actor, CancellationToken cancellationToken)
    {
        actor.Reach(query.Panel, PanelDirectory.NotFound);
        var matching = new List<ReferralListing>();
        await foreach (var stored in documents.ReadPartitionAsync<ReferralListing>(Containers.Panels, PanelDirectory.Code(query.Panel), cancellationToken))
        {
            var truth = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(stored.Value.PersonId, stored.Value.ReferralId), cancellationToken);
            if (truth is null)
            {
                continue;
            }

            var listing = ReferralListings.Of(truth.Value);
            if (listing != stored.Value)
            {
                await documents.UpsertAsync(stored.Key, listing, cancellationToken);
            }

            if ((query.Meeting is null || listing.MeetingDate == query.Meeting) && (query.Status is null || listing.Status == query.Status))
            {
                matching.Add(listing);
            }
        }

        var items = matching.OrderBy(l => l.MeetingDate ?? DateOnly.MaxValue).ThenBy(l => l.SubmittedAt)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        return new ReferralPage(items, query.Page, query.PageSize, matching.Count);
    }
}
