using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals.Read;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;

namespace Iom.Application.Referrals.Withdraw;

/// <summary>
/// The referring agency withdraws its referral (the endpoint admits referrers only, and the object rule keeps them to
/// their own agency's), with a coded reason. Allowed only from open statuses.
/// </summary>
public sealed class WithdrawReferralHandler(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    public const string Purpose = "Referral management: the referring agency withdrawing its referral";
    public const int MaxNoteLength = 1000;

    public async Task<Referral> HandleAsync(string referralId, WithdrawReferralRequest request, ActingAs actor, CancellationToken cancellationToken)
    {
        if (!WireNames.TryParse<WithdrawalReason>(request.Reason, out var reason))
        {
            throw ValidationFailedException.For("reason", $"Select the reason: one of {string.Join(", ", WireNames.All<WithdrawalReason>())}");
        }

        if (request.Note is { Length: > MaxNoteLength })
        {
            throw ValidationFailedException.For("note", $"The note must be {MaxNoteLength} characters or fewer");
        }

        if (reason == WithdrawalReason.Other && string.IsNullOrWhiteSpace(request.Note))
        {
            throw ValidationFailedException.For("note", "Say why the referral is withdrawn");
        }

        var stored = await documents.FindAsync(referralId, cancellationToken);
        var referral = actor.Reach(stored?.Value, GetReferralHandler.NotFound);
        var now = time.GetUtcNow();
        ReferralChange change;
        try
        {
            change = referral.Withdraw(reason, request.Note, now, actor.Caller.UserId);
        }
        catch (InvalidTransitionException refused)
        {
            throw new RefusalException(RefusalKind.Conflict, "invalid-transition",
                $"A referral that is {refused.From} cannot be withdrawn.", null,
                new Dictionary<string, object?> { ["currentStatus"] = refused.From });
        }

        // The ETag makes a concurrent change (e.g. the panel deciding) win or lose cleanly: 412, nothing written.
        await audit.CommitAsync(actor.Entry(referral.PersonId, AuditOperation.Alteration, $"referral/{referralId}", now),
            [DocumentWrite.Replace(referralId, change.Referral, stored!.ETag), .. ReferralEffects.OutboxEntries(change, actor.CorrelationId, now).Select(e => e.Write())],
            cancellationToken);
        if (ReferralEffects.Listing(change) is { } listing)
        {
            await documents.UpsertAsync(ReferralListings.KeyOf(change.Referral), listing, cancellationToken);
        }

        return change.Referral;
    }
}
