using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals.Read;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals.Withdraw;

public sealed record WithdrawReferralRequest
{
    public string? Reason { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// The referring agency withdraws its referral (the endpoint admits referrers only, and the object rule keeps them to
/// their own agency's), with a coded reason. Allowed only from open statuses.
/// </summary>
public sealed class WithdrawReferralHandler(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    public const string Purpose = "Referral management: the referring agency withdrawing its referral";
    public const int MaxNoteLength = 1000;

    public static IReadOnlyDictionary<string, WithdrawalReason> Reasons { get; } = Enum.GetValues<WithdrawalReason>()
        .ToDictionary(r => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(r.ToString()), r => r);

    public async Task<Referral> HandleAsync(string referralId, WithdrawReferralRequest request, ActingAs actor, CancellationToken cancellationToken)
    {
        if (request.Reason is null || !Reasons.TryGetValue(request.Reason, out var reason))
        {
            throw ValidationFailedException.For("reason", $"Select the reason: one of {string.Join(", ", Reasons.Keys)}");
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
        if (!ReferralStatusRules.CanMove(referral.Status, ReferralStatus.Withdrawn))
        {
            throw new RefusalException(RefusalKind.Conflict, "invalid-transition",
                $"A referral that is {referral.Status} cannot be withdrawn.", null,
                new Dictionary<string, object?> { ["currentStatus"] = referral.Status });
        }

        var now = time.GetUtcNow();
        var withdrawn = referral with
        {
            Status = ReferralStatus.Withdrawn,
            WithdrawalReason = reason,
            WithdrawalNote = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            History = [.. referral.History, new StatusChange(referral.Status, ReferralStatus.Withdrawn, now, actor.Caller.UserId, request.Reason)],
        };
        // The ETag makes a concurrent change (e.g. the panel deciding) win or lose cleanly: 412, nothing written.
        await audit.CommitAsync(actor.Entry(referral.PersonId, AuditOperation.Alteration, $"referral/{referralId}", now),
            [DocumentWrite.Replace(referralId, withdrawn, stored!.ETag)], cancellationToken);
        await documents.UpsertAsync(ReferralListings.KeyOf(withdrawn), ReferralListings.Of(withdrawn), cancellationToken);
        return withdrawn;
    }
}
