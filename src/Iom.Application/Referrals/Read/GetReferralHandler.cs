using Iom.Application.Audit;
using Iom.Application.Errors;
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
