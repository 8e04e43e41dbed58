using Iom.Application.Outbox;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

/// <summary>
/// Turns the effects of a <see cref="ReferralChange"/> into what a handler writes: messages become outbox entries,
/// committed with the referral in its partition; the listing, in the panel's partition of another container, is
/// written after that commit (a hint that readers check against the referral, so a lost write is mended, not wrong).
/// </summary>
public static class ReferralEffects
{
    /// <summary>The outbox entries to commit with the change, one per message, each with an id unique to its referral.</summary>
    /// <exception cref="NotSupportedException">A message whose use case has no queue yet (the panels flow adds decision notices).</exception>
    public static IReadOnlyList<OutboxEntry> OutboxEntries(ReferralChange change, string? correlationId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        var referral = change.Referral;
        return [.. change.Effects.OfType<MessageDue>().Select(due => due.Message switch
        {
            ReferralMessage.Acknowledgement => OutboxEntry.For($"referral-acknowledgement-{referral.Id}", ReferralQueues.Acknowledgements,
                new ReferralAcknowledgementMessage(referral.Id, referral.PersonId, correlationId), now),
            _ => throw new NotSupportedException($"No queue carries the {due.Message} message yet."),
        })];
    }

    /// <summary>The panel's listing as the change left it, or null when the change does not touch it.</summary>
    public static ReferralListing? Listing(ReferralChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Effects.OfType<ListingChanged>().Any() ? ReferralListings.Of(change.Referral) : null;
    }
}
