using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

/// <summary>
/// Puts one referral on a meeting's list, or back to awaiting one, through the aggregate's moves: its change, its
/// Alteration record and its outbox entries in one commit in the person's partition (ETag-guarded, so a concurrent
/// change wins and this one is skipped), then its listing. Shared by the relisting passes and the listing upkeep.
/// </summary>
public sealed class ReferralRelisting(IDocumentStore documents, AuditTrail audit)
{
    /// <summary>The system's own identity in the audit log for listings it makes.</summary>
    public static readonly Caller System = new("system:referral-listing", "IOM Functions", null, null, new HashSet<string>());

    /// <summary>
    /// Lists <paramref name="stored"/> for <paramref name="meeting"/> (or, when null, makes it await a meeting). A
    /// listed referral moving to another date goes through awaiting a meeting, so its history says why it left its
    /// meeting and where it went.
    /// </summary>
    /// <returns>False when nothing needed doing, or the referral changed meanwhile (its ETag): the caller moves on.</returns>
    public async Task<bool> MoveAsync(StoredDocument<Referral> stored, DateOnly? meeting, string why, ActingAs actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(actor);
        var referral = stored.Value;
        if (referral.MeetingDate == meeting && referral.Status == (meeting is null ? ReferralStatus.AwaitingMeeting : ReferralStatus.Listed))
        {
            return false;
        }

        var change = (referral.Status, meeting) switch
        {
            (ReferralStatus.Listed, null) => referral.AwaitMeeting(why, now, System.UserId),
            (ReferralStatus.Listed, { } date) => referral.AwaitMeeting(why, now, System.UserId).Referral.ListFor(date, now, System.UserId),
            (_, { } date) => referral.ListFor(date, now, System.UserId),
            (_, null) => referral.AwaitMeeting(why, now, System.UserId),
        };
        try
        {
            // One Alteration record per status change, so the log and the referral's history tell the same story.
            var alterations = Enumerable.Range(0, change.Referral.History.Count - referral.History.Count)
                .Select(_ => actor.Entry(referral.PersonId, AuditOperation.Alteration, $"referral/{referral.Id}", now)).ToList();
            await audit.CommitAsync(alterations,
                [DocumentWrite.Replace(referral.Id, change.Referral, stored.ETag), .. ReferralEffects.OutboxEntries(change, actor.CorrelationId, now).Select(e => e.Write())],
                cancellationToken);
        }
        catch (DocumentPreconditionFailedException)
        {
            return false;
        }

        if (ReferralEffects.Listing(change) is { } listed)
        {
            await documents.UpsertAsync(ReferralListings.KeyOf(change.Referral), listed, cancellationToken);
        }

        return true;
    }
}
